// Les conversations de démo en Astuces : les mêmes fils que ../tips.ts
// (mêmes clés, auteurs, dates et votes), en français.
import type { DemoThread } from "../types";

export const FR_TIPS_THREADS: DemoThread[] = [
  {
    key: "box-placement",
    category: "tips",
    author: "nora",
    title: "où placer la Nimbus Box dans l'appart ?",
    body: `Bonjour à tous,

J'emménage dans un nouvel appart la semaine prochaine, ~75m². Plan : long couloir, salon à un bout, deux chambres à l'autre bout, cuisine + salle de bain au milieu.

La prise fibre est dans le coin du salon à côté de la fenêtre (évidemment). Je mets la box où, et est-ce qu'il me faut un répéteur ? Les enfants vont jouer en ligne dans la chambre du fond.`,
    tags: ["nimbus-box", "wifi", "emplacement"],
    daysAgo: 45,
    upvotes: ["sam", "amara", "beatriz", "lena_k", "kwame"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 6,
        accepted: true,
        body: `Les règles générales, valables pour n'importe quelle box :

- **En hauteur**, sur une étagère plutôt que par terre, à l'air libre : pas dans un meuble fermé ni derrière la télé.
- Loin des miroirs, des aquariums, des gros objets métalliques et du micro-ondes (cf. le fil du micro-ondes de @beatriz).
- Le plus au centre possible, même si tu dépends de l'emplacement de la prise fibre.

Pour ton plan je ferais comme ça :

1. **La box dans le salon**, sur une étagère à environ 1,5 m, aussi près de la porte du couloir que le câble le permet. Le câble fibre vert peut être remplacé par un plus long (jusqu'à 15 m ; il doit être en SC/APC, le connecteur *vert*).
2. **Un répéteur mesh au milieu du couloir**, pas dans la chambre du fond : un répéteur a lui-même besoin d'un bon signal pour le retransmettre.
3. **La chambre des jeux** : de l'Ethernet si c'est possible. Un câble plat le long de la plinthe se voit à peine. Les adaptateurs CPL, c'est le plan B.
4. Une fois installée, utilise l'analyseur wifi de la box (*Wi-Fi → Diagnostic*) dans chaque pièce pour vérifier.`,
        upvotes: ["nora", "sam", "amara", "beatriz", "lena_k", "kwame", "jules", "tomasz", "dev_ollie", "morgan", "alex"],
        comments: [
          { author: "nora", body: "va pour le câble ethernet plat le long du couloir. merci beaucoup pour cette réponse super détaillée" },
          { author: "beatriz", body: "haha, ma célébrité du micro-ondes 😄" },
        ],
      },
      {
        author: "kwame",
        hoursAfterQuestion: 10,
        body: "+1 pour l'Ethernet pour jouer. Le mesh ajoutait environ 10 ms sur la PS5 de mon fils, le câble a réglé ça.",
        upvotes: ["nora", "priya"],
      },
    ],
  },
  {
    key: "guest-wifi",
    category: "tips",
    author: "jules",
    title: "astuce : créer un réseau wifi invité pour les visiteurs",
    body: `Petite astuce, parce que j'en avais marre de dicter mon mot de passe wifi de 24 caractères à chaque visite : la Nimbus Box a un **réseau invité**.

*Réglages de la box → Wi-Fi → Réseau invité*. Tu peux le faire se couper tout seul au bout de 24h, et les invités ne voient ni ton NAS ni ton imprimante. Il y a aussi un QR code sur cette page que tu peux imprimer et coller sur le frigo.`,
    tags: ["wifi", "reseau-invite", "nimbus-box"],
    daysAgo: 55,
    upvotes: ["sam", "nora", "amara", "lena_k", "kwame", "priya", "beatriz", "tomasz"],
    comments: [{ author: "alex", body: "Super astuce @jules, merci de l'avoir partagée avec tout le monde." }],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 12,
        body: "Bien vu. Autre bonne utilisation : mettre aussi les objets connectés (ampoules, prises, caméras pas chères) sur le réseau invité. Ça les tient à l'écart de tes ordis si l'un d'eux se fait pirater. Certains doivent être sur le même réseau que ton téléphone pour la première config, donc fais-la d'abord et bascule-les après.",
        upvotes: ["jules", "nora", "amara", "kwame", "dev_ollie", "sam"],
        comments: [{ author: "dev_ollie", body: "les objets connectés sur le réseau invité, ça c'est la vraie astuce de pro" }],
      },
      {
        author: "nora",
        hoursAfterQuestion: 30,
        body: "Je connaissais pas le QR code, imprimé et collé sur le frigo. Merci !",
        upvotes: ["jules"],
      },
    ],
  },
  {
    key: "data-left",
    category: "tips",
    author: "amara",
    title: "comment voir ma data restante sans ouvrir l'appli",
    body: "L'appli met des plombes à charger sur mon vieux téléphone. Il y a un moyen plus rapide de voir combien de data mobile il me reste ce mois-ci ?",
    tags: ["data-mobile"],
    daysAgo: 19,
    upvotes: ["nora"],
    answers: [
      {
        author: "kwame",
        hoursAfterQuestion: 3,
        accepted: true,
        body: "Compose `*123#` et appuie sur appeler : une fenêtre s'affiche en quelques secondes avec la data et les minutes restantes. C'est gratuit. Sinon envoie DATA au 3900 et tu reçois la réponse par SMS.",
        upvotes: ["amara", "nora", "priya", "beatriz", "jules"],
        comments: [{ author: "amara", body: "*123# c'est parfait, merci !" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "Tu peux aussi ajouter le widget Nimbus sur ton écran d'accueil. Il se met à jour en arrière-plan, donc il affiche ton solde tout de suite même si l'appli est lente à s'ouvrir.",
        upvotes: ["amara", "kwame"],
      },
    ],
  },
  {
    key: "share-data",
    category: "tips",
    author: "beatriz",
    title: "je peux partager ma data avec la SIM de ma fille ?",
    body: "Mon ado est toujours à court de data vers le 20, et moi j'ai 50 Go dont j'utilise jamais plus de 10. Il y a moyen de lui en donner plutôt que de payer des recharges à 5 € ?",
    tags: ["partage-data", "offre-famille", "data-mobile"],
    daysAgo: 11,
    upvotes: ["nora", "amara", "sam"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        accepted: true,
        body: `Oui : si les deux lignes sont sur le même compte, vous pouvez lui offrir de la data : appli → **Mobile → Partager ma data**, puis choisissez sa ligne et la quantité (par tranches de 1 Go, jusqu'à 20 Go par mois). C'est crédité immédiatement et ça expire à la fin du mois de facturation.

Avec les offres Famille, vous pouvez aussi programmer un transfert mensuel automatique sur le même écran.`,
        upvotes: ["beatriz", "nora", "amara", "sam", "priya", "kwame"],
        comments: [{ author: "beatriz", body: "programmé 5 Go automatiquement tous les mois, elle est ravie. merci !" }],
      },
      {
        author: "amara",
        hoursAfterQuestion: 7,
        body: "On fait ça chez nous, ça marche super. Astuce : mets sa limite de recharge à 0 € dans le contrôle parental pour qu'elle ne puisse pas en racheter sans demander 😉",
        upvotes: ["beatriz", "nora", "morgan"],
      },
    ],
  },
  {
    key: "wifi-schedule-kids",
    category: "tips",
    author: "dev_ollie",
    title: "programmer la coupure du wifi la nuit pour les appareils des enfants",
    body: "Les enfants (10 et 13 ans) sont sur leurs tablettes à 1h du matin. Je veux pas couper le wifi de toute la maison parce que mes trucs de télétravail tournent la nuit. La Nimbus Box peut couper certains appareils à heures fixes ?",
    tags: ["controle-parental", "wifi", "nimbus-box"],
    daysAgo: 24,
    upvotes: ["nora", "beatriz", "amara", "sam"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Oui : *Réglages de la box → Contrôle parental → Profils*.

1. Crée un profil, par ex. **Enfants**.
2. Ajoute leurs appareils depuis la liste des appareils connectés. Astuce : renomme d'abord les appareils (par ex. « tablette-Lea »), parce que par défaut ils s'affichent sous des noms du genre « android-7f3a… ».
3. Règle les horaires, par ex. soirs d'école 21:30–07:00, week-end 23:00–08:00.
4. En option : le bouton **Pause** dans l'appli coupe le profil immédiatement (à table !).

**Le piège :** les téléphones et tablettes récents utilisent une *adresse Wi-Fi privée/aléatoire* par réseau et peuvent la changer. Désactive-la pour le réseau de la maison sur les appareils des enfants, sinon la box voit un « nouvel » appareil et les horaires ne s'appliquent pas.

Et évidemment la data mobile n'est pas gérée par la box : mets des limites sur leur SIM dans l'appli, *Mobile → ligne → Restrictions*.`,
        upvotes: ["dev_ollie", "nora", "beatriz", "amara", "sam", "kwame", "lena_k", "morgan"],
        comments: [
          {
            author: "dev_ollie",
            body: "l'histoire de l'adresse aléatoire c'est exactement pour ça que ma première tentative marchait pas. ça marche maintenant, le grand de 13 ans est furieux 😂",
          },
        ],
      },
    ],
  },
  {
    key: "static-ip",
    category: "tips",
    author: "kwame",
    title: "possible d'avoir une IP fixe sur une offre fibre grand public ?",
    body: "J'héberge un petit serveur à la maison (Nextcloud + un serveur Minecraft pour les potes). Mon IP change toutes les quelques semaines, ce qui casse tout. Une IPv4 fixe c'est dispo sur les offres fibre perso, même en payant ? Ou faut passer sur une offre pro ?",
    tags: ["ip-fixe", "fibre"],
    daysAgo: 3,
    upvotes: ["dev_ollie", "tomasz"],
    comments: [
      { author: "dev_ollie", body: "en attendant un service de DNS dynamique marche très bien, la box a même un réglage DynDNS dans Avancé" },
    ],
    answers: [],
  },
  {
    key: "band-steering-printer",
    category: "tips",
    author: "tomasz",
    title: "astuce : désactivez le band steering si votre vieille imprimante ne se connecte pas",
    body: `J'ai passé une soirée à me battre avec ma vieille imprimante HP, elle disait « impossible de se connecter au réseau » depuis qu'on a la nouvelle Nimbus Box.

La solution : *Réglages de la box → Wi-Fi* → désactiver **Nom de réseau unique (band steering)**, pour que le 2,4 et le 5 GHz aient des noms séparés, puis connecter l'imprimante sur le 2,4. Les vieux appareils s'embrouillent quand les deux bandes ont le même nom. En espérant que ça fasse gagner une soirée à quelqu'un.`,
    tags: ["wifi", "imprimante", "nimbus-box"],
    daysAgo: 58,
    upvotes: ["sam", "nora", "beatriz", "amara", "priya", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 20,
        body: "Bien trouvé. Une alternative qui garde un seul nom pour tout le reste : laisse le band steering activé et active le **Réseau 2,4 GHz compatibilité** (*Wi-Fi → Avancé*). C'est un réseau en plus, uniquement en 2,4 GHz, juste pour les imprimantes, les prises connectées et autres appareils anciens ou basiques.",
        upvotes: ["tomasz", "sam", "nora", "amara", "jules", "kwame"],
        comments: [{ author: "tomasz", body: "ah pas mal, j'avais pas vu cette option. encore mieux" }],
      },
    ],
  },
];
