// Les conversations de démo en Compte et connexion : les mêmes fils que
// ../account.ts (mêmes clés, auteurs, dates et votes), en français.
import type { DemoThread } from "../types";

export const FR_ACCOUNT_THREADS: DemoThread[] = [
  {
    key: "sms-code-missing",
    category: "account",
    author: "lena_k",
    title: "je reçois jamais le code de validation par SMS",
    body: `J'essaie de me connecter sur le site, ça me dit « Nous avons envoyé un code à 6 chiffres au +33 •• •• •• 47 » mais rien n'arrive. Attendu 10 min, appuyé 3 fois sur renvoyer, et maintenant ça dit :

> Trop de tentatives. Réessayez dans 30 minutes.

J'ai du réseau, les autres SMS arrivent normalement. Au secours, je dois payer une facture aujourd'hui`,
    tags: ["2fa", "connexion", "sms"],
    daysAgo: 9,
    upvotes: ["sam", "jules", "kwame", "tomasz", "dev_ollie", "amara"],
    comments: [
      { author: "dev_ollie", body: "pareil depuis ce matin" },
      { author: "morgan", body: "Merci pour vos signalements, nous vérifions en ce moment avec notre prestataire SMS." },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.2,
        accepted: true,
        body: `Quelques trucs à vérifier, dans cet ordre :

1. **Attends la fin du blocage de 30 minutes** sans appuyer sur renvoyer : chaque nouvelle tentative relance le compteur.
2. **Regarde le filtre anti-spam.** Les codes viennent de l'expéditeur **NIMBUS**, et certains téléphones le classent en spam :
   - Android (Google Messages) : *Menu → Spam et messages bloqués*
   - iPhone : *Messages → Filtres → Expéditeurs inconnus*
3. **Téléphone double SIM** : vérifie que la ligne Nimbus est bien activée pour les SMS, pas seulement pour la data.
4. **Regarde s'il y a un incident** sur https://status.nimbus.example : les problèmes d'envoi de SMS y sont affichés.
5. Si tu as créé des codes de secours, utilise **« Utiliser un code de secours »** sur l'écran du code.

À terme, passe sur une **appli d'authentification** : *Compte → Sécurité → Validation en deux étapes → Application d'authentification*. Les codes sont générés sur ton téléphone, donc ils marchent sans réseau et ne peuvent être ni retardés ni interceptés.`,
        upvotes: ["lena_k", "sam", "jules", "kwame", "tomasz", "dev_ollie", "amara", "morgan", "alex", "nora", "beatriz"],
        comments: [
          {
            author: "lena_k",
            body: "il était dans les spams !!! Google Messages avait classé NIMBUS en spam. je suis passée sur l'appli d'authentification, merci Priya",
          },
        ],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        body: "Mise à jour : une de nos routes SMS était ralentie ce matin entre 8 h et 11 h 30 ; c'est réparé et les codes arrivent normalement. Ce genre d'incident est publié sur https://status.nimbus.example.",
        upvotes: ["lena_k", "dev_ollie", "jules"],
      },
    ],
  },
  {
    key: "reset-old-email",
    category: "account",
    author: "sam",
    title: "mot de passe oublié et le mail de réinitialisation part sur une vieille adresse",
    body: "Le lien de réinitialisation est envoyé sur mon ancienne adresse pro à laquelle j'ai plus accès (j'ai quitté ce boulot en 2022). Comment je prouve que c'est moi et je change l'adresse mail du compte ?",
    tags: ["mot-de-passe", "email"],
    daysAgo: 30,
    upvotes: ["beatriz", "kwame"],
    answers: [
      {
        author: "kwame",
        hoursAfterQuestion: 2,
        body: "tu peux aussi passer en boutique Nimbus avec ta carte d'identité, ils me l'ont changée en 5 minutes",
        upvotes: ["sam"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        accepted: true,
        body: `Bonjour Sam, deux solutions :

- **Par SMS** : sur la page de connexion, choisissez *Mot de passe oublié*, puis **Recevoir le code par SMS à la place**. Il part sur votre numéro mobile Nimbus. Une fois connecté, changez l'adresse dans *Profil → E-mail*.
- **Pas de mobile Nimbus ?** Lancez un chat depuis [www.nimbus.example/contact](https://www.nimbus.example/contact). Le conseiller vérifiera votre identité avec votre numéro client (il commence par NB- et figure sur vos factures et sur l'étiquette sous votre box) et le montant de votre dernière facture, puis mettra l'adresse à jour pour vous.`,
        upvotes: ["sam", "priya", "beatriz", "kwame", "alex"],
        comments: [{ author: "sam", body: "l'option SMS a marché, j'avais meme pas vu le lien. adresse changée aussi, merci !" }],
      },
    ],
  },
  {
    key: "app-logs-out",
    category: "account",
    author: "kwame",
    title: "l'appli me déconnecte à chaque fois que je la ferme",
    body: "Pixel 7, appli Nimbus 5.2.1. À chaque fois que je ferme l'appli je dois retaper mon mot de passe ET le code. Déjà désinstallée et réinstallée, rien ne change. hyper relou",
    tags: ["appli", "android", "connexion"],
    daysAgo: 18,
    upvotes: ["jules", "dev_ollie", "nora"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 6,
        accepted: true,
        body: `Sur Android c'est presque toujours un de ces trois trucs :

1. **Utilisation de la batterie sur « Restreinte ».** Android peut alors effacer la session enregistrée de l'appli quand elle est fermée. Va dans *Paramètres → Applications → Nimbus → Utilisation de la batterie par l'appli* et choisis **Optimisée** (ou Non restreinte).
2. **« Se souvenir de cet appareil » pas coché** sur l'écran du code. Sans ça, on te redemande un code à chaque fois.
3. **Profil professionnel / Dossier sécurisé** : si l'appli est installée dans les deux, chacune a besoin de sa propre connexion.

Si rien de tout ça ne marche, vide le *stockage* de l'appli (pas juste le cache) une fois, reconnecte-toi et coche *Se souvenir de cet appareil*.`,
        upvotes: ["kwame", "jules", "dev_ollie", "nora", "sam", "lena_k", "morgan"],
        comments: [{ author: "kwame", body: "C'était le réglage batterie, sur Restreinte. c'est mon appli d'économie de batterie qui avait fait ça. réglé !" }],
      },
      {
        author: "dev_ollie",
        hoursAfterQuestion: 10,
        body: "pour info la 5.2.2 est sortie hier et le changelog parle de « corrections de la session de connexion », ça vaut peut-être le coup de mettre à jour aussi.",
        upvotes: ["kwame", "priya"],
      },
    ],
  },
  {
    key: "second-holder",
    category: "account",
    author: "beatriz",
    title: "comment ajouter ma compagne comme deuxième titulaire du compte",
    body: "Ma compagne voudrait pouvoir appeler pour la box et changer des choses quand je suis en déplacement pro. À chaque fois qu'elle appelle on lui dit qu'elle n'est pas habilitée. Il y a un moyen de l'ajouter ?",
    tags: ["titulaire"],
    daysAgo: 35,
    upvotes: ["nora"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 9,
        body: `Vous pouvez l'ajouter comme **contact autorisé** : *Compte → Personnes → Ajouter un contact autorisé*. Elle aura besoin de son propre identifiant Nimbus ; elle pourra ensuite nous appeler et gérer les services, mais pas résilier le contrat ni changer de titulaire.

La cotitularité n'est pas possible, mais s'il devient plus logique qu'elle soit titulaire du compte, vous pouvez le lui transférer : [www.nimbus.example/kb/transfert-titulaire](https://www.nimbus.example/kb/transfert-titulaire).`,
        upvotes: ["nora", "priya", "amara"],
        comments: [{ author: "beatriz", body: "ok j'essaie ça ce week-end" }],
      },
    ],
  },
  {
    key: "email-change-bills",
    category: "account",
    author: "tomasz",
    title: "changé mon mail dans l'appli mais les factures arrivent toujours sur l'ancien",
    body: "J'ai mis à jour mon adresse mail dans l'appli (Profil → E-mail) il y a 2 semaines, confirmé via le lien, et la connexion marche avec la nouvelle. Mais la notif de facture d'avril est quand même partie sur mon vieux gmail. C'est deux réglages différents ou quoi ?",
    tags: ["email", "facture"],
    daysAgo: 1.5,
    answers: [],
  },
  {
    key: "foreign-sign-in",
    category: "account",
    author: "jules",
    title: "quelqu'un a essayé de se connecter à mon compte depuis l'étranger ??",
    body: `Reçu un mail : « Tentative de connexion bloquée – lieu : Jakarta, Indonésie ». Je suis à Lille.

Apparament personne n'est rentré parce que le code les a bloqués, mais ça veut dire qu'ils ont mon mot de passe non ?? je dois faire quoi`,
    tags: ["securite", "mot-de-passe", "2fa"],
    daysAgo: 7,
    upvotes: ["sam", "lena_k", "tomasz", "amara"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 0.8,
        accepted: true,
        body: `Oui, pars du principe que le mot de passe est connu : la validation en deux étapes a fait son boulot. À faire tout de suite :

1. **Change ton mot de passe Nimbus** pour un que tu n'utilises nulle part ailleurs (un gestionnaire de mots de passe rend ça indolore).
2. **Change-le partout où tu l'as réutilisé.** Ce genre de tentative vient en général d'une fuite sur un autre site.
3. *Compte → Sécurité → Sessions actives* → **Se déconnecter partout**.
4. Passe la validation en deux étapes du SMS à une **appli d'authentification**, et active *Compte → Sécurité → Protection du numéro* : ça bloque les changements de SIM et les portabilités sans code PIN.
5. Rappel : Nimbus ne demande jamais de code par téléphone ou par SMS. Si quelqu'un t'appelle « de la part de Nimbus » pour te faire lire un code, raccroche.`,
        upvotes: ["jules", "sam", "lena_k", "tomasz", "amara", "morgan", "alex", "kwame", "beatriz"],
        comments: [
          { author: "jules", body: "fait les 5. c'était le même mot de passe qu'un vieux forum de jeux qui s'est fait pirater, oups" },
          {
            author: "morgan",
            body: "Très bonne réponse. Vous pouvez aussi transférer les mails ou SMS suspects à phishing@nimbus.example pour que nous puissions les bloquer.",
          },
        ],
      },
    ],
  },
  {
    key: "remove-old-card",
    category: "account",
    author: "dev_ollie",
    title: "comment supprimer une ancienne carte bancaire de mon compte",
    body: "J'ai reçu une nouvelle CB et je l'ai ajoutée, mais l'ancienne expirée apparaît toujours dans Moyens de paiement et il n'y a pas de bouton supprimer, juste « Définir par défaut » qui est grisé. Un peu maniaque là-dessus mdr",
    tags: ["paiement", "appli"],
    daysAgo: 44,
    answers: [],
  },
  {
    key: "keep-number",
    category: "account",
    author: "lena_k",
    title: "je peux garder mon numéro si je passe chez Nimbus ?",
    body: `Je pense transférer mon mobile de mon opérateur actuel (fin d'engagement en mai). J'ai le même numéro depuis 11 ans et j'ai vraiment pas envie de le perdre.

Je dois résilier l'ancien d'abord ? Et je vais rester combien de temps sans téléphone ?`,
    tags: ["portabilite", "sim"],
    daysAgo: 50,
    upvotes: ["sam", "amara", "beatriz"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Oui, vous pouvez le garder, et surtout **ne résiliez pas avant** : la résiliation libère le numéro.

1. Récupérez votre **code RIO** auprès de votre opérateur actuel. C'est gratuit : appelez le 3179 depuis votre mobile, vous le recevez aussi par SMS.
2. Commandez votre SIM Nimbus et saisissez le code RIO et votre numéro lors de la commande.
3. Choisissez une date de portabilité. Ce jour-là, le numéro est transféré et votre ancien contrat est résilié automatiquement.

Votre ancienne SIM fonctionne jusqu'au transfert, ensuite vous mettez la SIM Nimbus. La coupure dure en général bien moins de deux heures.`,
        upvotes: ["lena_k", "sam", "amara", "beatriz", "priya", "kwame"],
        comments: [{ author: "lena_k", body: "portabilité faite la semaine dernière, coupée environ 40 min en tout. merci !" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "Un conseil : regarde les frais de résiliation anticipée de ton ancien contrat. La portabilité le résilie, donc si tu transfères ton numéro avant mai tu risques de devoir payer les mois restants. Choisir une date juste après la fin de l'engagement évite ça.",
        upvotes: ["lena_k", "morgan", "amara", "sam"],
      },
    ],
  },
];
