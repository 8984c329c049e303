// Les conversations de démo en Facturation : les mêmes fils que ../billing.ts
// (mêmes clés, auteurs, dates et votes), écrits comme les écrivent des clients français.
import type { DemoThread } from "../types";

export const FR_BILLING_THREADS: DemoThread[] = [
  {
    key: "bill-wrong",
    category: "billing",
    author: "sam",
    title: "ma facture est fausse ce mois-ci",
    body: `Bonjour,

D'habitude je paie 39,99 € pour fibre + mobile, et là ce mois-ci c'est **64,98 €**. Il y a une ligne « Consommations hors forfait – 24,99 € » et j'ai aucune idée de ce que c'est. J'ai pas passé d'appels bizarres pourtant ??

Quelqu'un a deja eu ça ? J'ai pas envie de payer un truc que j'ai pas utilisé`,
    tags: ["facture", "hors-forfait"],
    daysAgo: 3.5,
    upvotes: ["lena_k", "tomasz", "jules"],
    comments: [{ author: "tomasz", body: "t'as regardé le détail dans l'appli ? moi une fois c'était un SMS surtaxé" }],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2.5,
        accepted: true,
        body: `Un montant rond comme 24,99 € en « hors forfait », ce n'est quasiment jamais des appels : c'est en général un **achat chez un tiers** payé sur ta facture mobile (paiement sur facture opérateur) : un jeu, un abonnement de streaming, un achat sur un store fait avec « payer avec mon forfait ».

Pour savoir ce que c'est et le bloquer :

1. Dans l'appli Nimbus, ouvre **Factures → ce mois-ci → Voir le détail**.
2. Descends jusqu'à **Services de tiers**. Tu verras le nom du marchand et la date.
3. Si tu ne le reconnais pas, appuie dessus et choisis **Contester ce montant** : la somme est mise en attente le temps de la vérification.
4. Pour que ça ne se reproduise pas : **Compte → Sécurité → Achats de tiers → Désactivé**.

Plus d'infos dans l'aide : [www.nimbus.example/kb/achats-tiers](https://www.nimbus.example/kb/achats-tiers).`,
        upvotes: ["sam", "lena_k", "tomasz", "jules", "amara", "kwame", "morgan", "nora"],
        comments: [
          { author: "sam", body: "trouvé. un abonnement à un jeu que mon neveu a pris sur mon tel à noël 🙄 c'est bloqué maintenant, merci !" },
          {
            author: "morgan",
            body: "Content que ce soit réglé @sam. Si l'achat a été fait sans votre accord, précisez-le dans le formulaire de contestation : le service facturation pourra étudier un geste commercial.",
          },
        ],
      },
      {
        author: "tomasz",
        hoursAfterQuestion: 5,
        body: "Pareil pour moi une fois, c'était un SMS surtaxé d'une appli de quiz où je m'étais inscrit sans faire exprès. Regarde la partie services tiers de la facture.",
        upvotes: ["sam"],
      },
    ],
  },
  {
    key: "charged-twice",
    category: "billing",
    author: "beatriz",
    title: "prélevée deux fois pour le même mois",
    body: `J'ai reçu le mail de relance « paiement en attente » le 1er, donc j'ai payé par carte dans l'appli (45,00 €). Et le 3, le prélèvement automatique m'a pris **encore 45,00 €** sur mon compte. Donc 90 € partis pour un seul mois.

Je m'adresse à qui pour me faire rembourser ? Je ne vois aucun numéro pour la facturation dans l'appli.`,
    tags: ["remboursement", "prelevement", "facture"],
    daysAgo: 6,
    upvotes: ["amara", "nora"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 1,
        body: "Pareil pour moi en janvier, ça a juste été déduit de la facture suivante, j'ai rien payé le mois d'après.",
        upvotes: ["beatriz"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Bonjour Beatriz, Morgan de l'équipe communauté Nimbus. Désolé pour ce souci.

Ce qui s'est passé : la relance est partie avant l'encaissement du prélèvement, donc les deux paiements sont passés. Votre compte a maintenant un **avoir de 45,00 €**. Deux possibilités :

- **Le garder en avoir** : votre prochaine facture sera à 0 €.
- **Vous faire rembourser sur votre carte** : appli → **Facturation → Solde → Demander un remboursement**. Comptez 5 à 7 jours ouvrés.

J'ai aussi signalé le calendrier des relances au service facturation : elles ne devraient pas partir chez les clients payés par prélèvement.`,
        upvotes: ["beatriz", "amara", "priya", "nora", "kwame"],
        comments: [{ author: "beatriz", body: "Remboursement demandé, l'argent était de retour sur ma carte jeudi. Merci Morgan !" }],
      },
    ],
  },
  {
    key: "roaming-spain",
    category: "billing",
    author: "kwame",
    title: "frais d'itinérance en Espagne ?",
    body: `Je pars 2 semaines à Valence en août avec mon forfait Nimbus Mobile 20 Go. Je dois prendre un pass roaming ou ça marche direct ?

La dernière fois en Suisse j'ai eu une surprise de 38 € sur ma facture donc je suis un peu parano mdr`,
    tags: ["itinerance", "data-mobile", "voyage"],
    daysAgo: 12,
    upvotes: ["jules", "dev_ollie", "sam", "amara"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.5,
        accepted: true,
        body: `L'Espagne est dans l'UE, donc c'est **comme en France** (le fameux « roam like at home ») : appels, SMS et data sont décomptés de ton forfait normal, sans surcoût. La Suisse n'est pas dans l'UE, d'où tes 38 €.

| Où tu es | Appels et SMS | Data | Surcoût |
|---|---|---|---|
| Espagne et reste de l'UE/EEE | dans ton forfait | dans ton forfait (limite d'usage raisonnable) | aucun |
| Suisse, Royaume-Uni, Andorre | facturés à l'usage | au Mo ou pass journée | oui |
| Bateaux, avions | réseaux satellite | réseaux satellite | très cher |

Deux-trois trucs à vérifier avant de partir :

1. **Usage raisonnable** : sur le forfait 20 Go, seule une partie est utilisable depuis l'étranger ; le chiffre exact est dans l'appli, **Forfait → Étranger**.
2. Active l'**itinérance des données** dans les réglages du téléphone, sinon tu n'auras pas de data du tout.
3. Les appels *depuis la France vers un numéro espagnol* sont des appels internationaux, non inclus. Par contre appeler des numéros espagnols quand tu es en Espagne, c'est inclus.

Tu recevras un SMS de bienvenue à l'arrivée avec les tarifs.`,
        upvotes: ["kwame", "jules", "dev_ollie", "sam", "amara", "morgan", "lena_k", "beatriz", "nora", "tomasz"],
        comments: [{ author: "kwame", body: "top, l'histoire de la suisse explique pas mal de choses. merci !" }],
      },
      {
        author: "jules",
        hoursAfterQuestion: 4,
        body: "J'étais à Barcelone en mai, ça marchait exactement comme à la maison. Seul truc : sur le ferry pour Ibiza le tel a basculé sur un réseau maritime pendant un moment. Coupez la data sur les bateaux !",
        upvotes: ["kwame", "priya", "amara"],
        comments: [{ author: "priya", body: "Bien vu : les bateaux et les avions passent par des réseaux satellite qui ne sont inclus dans aucun forfait." }],
      },
    ],
  },
  {
    key: "price-rise",
    category: "billing",
    author: "tomasz",
    title: "pourquoi mon forfait a augmenté de 3 € en mars ??",
    body: `Reçu un mail comme quoi ma fibre passe de 34,99 € à 37,99 € à partir du mois prochain. J'ai signé un engagement de 24 mois l'an dernier, je croyais que le prix etait bloqué ??

C'est même légal ça ?`,
    tags: ["hausse-de-prix", "contrat"],
    daysAgo: 20,
    upvotes: ["sam", "jules", "nora", "kwame", "beatriz"],
    comments: [
      { author: "jules", body: "pareil ici, 2 € de plus pour moi sur le mobile" },
      { author: "nora", body: "c'est pénible mais je crois que c'est dans les CGV quelque part" },
    ],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 6,
        body: `Bonjour Tomasz. La révision annuelle des tarifs est prévue à l'article 7 des conditions générales : une fois par an, en avril, les prix peuvent évoluer du montant annoncé à la souscription. Quand une hausse va au-delà de ce que prévoit le contrat, vous pouvez résilier sans frais dans les quatre mois qui suivent l'annonce.

Tous les détails sont sur [www.nimbus.example/kb/evolution-tarifs](https://www.nimbus.example/kb/evolution-tarifs). Si vous voulez, je peux demander au service fidélisation de revoir votre offre : envoyez-moi un message privé.`,
        upvotes: ["nora", "priya"],
        downvotes: ["tomasz", "jules"],
      },
      {
        author: "priya",
        hoursAfterQuestion: 9,
        body: "Ça vaut le coup d'appeler le service fidélisation plutôt que d'accepter sans rien dire. D'expérience, si tu parles de l'offre du moment d'un concurrent, ils s'alignent souvent ou te passent sur une offre plus récente, avec plus de débit pour le même prix. Les offres récentes ont aussi souvent la hausse annuelle fixée à l'avance, c'est plus simple pour gérer son budget.",
        upvotes: ["tomasz", "jules", "sam", "kwame"],
        comments: [{ author: "tomasz", body: "ok je vais les appeler, je vous tiens au courant" }],
      },
    ],
  },
  {
    key: "direct-debit-date",
    category: "billing",
    author: "amara",
    title: "possible de changer la date de prélèvement au 15 ?",
    body: "Je suis payée le 12 donc avoir le prélèvement le 1er c'est galère tous les mois. C'est possible de le décaler ? j'ai rien trouvé dans l'appli. Merci d'avance",
    tags: ["prelevement"],
    daysAgo: 25,
    upvotes: ["beatriz"],
    answers: [
      {
        author: "nora",
        hoursAfterQuestion: 8,
        accepted: true,
        body: `Oui ! Appli → **Facturation → Moyen de paiement → Date de prélèvement**. Tu peux choisir le 1er, le 8, le 15 ou le 22.

La première facture après le changement est calculée au prorata, donc elle peut être un peu plus ou un peu moins élevée que d'habitude.`,
        upvotes: ["amara", "beatriz", "priya", "kwame"],
        comments: [
          { author: "amara", body: "trouvé, merci ! c'était caché sous les infos de la carte" },
          { author: "morgan", body: "Merci @nora ! Petite précision : la date ne peut être modifiée qu'une fois tous les 6 mois." },
        ],
      },
    ],
  },
  {
    key: "equipment-fee",
    category: "billing",
    author: "jules",
    title: "facture de résiliation : on me compte 49 € de matériel non restitué",
    body: `J'ai emménagé avec ma copine et j'ai résilié ma fibre le mois dernier. Sur la facture de clôture il y a « Matériel non restitué – 49,00 € ».

J'AI renvoyé la box, déposée à La Poste avec l'étiquette prépayée le 4. J'ai le récépissé avec un numéro de suivi. Je fais quoi maintenant ?`,
    tags: ["facture", "resiliation", "nimbus-box"],
    daysAgo: 15,
    upvotes: ["sam", "lena_k"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 2,
        body: "garde bien ce récépissé !! ils avaient perdu mon retour une fois et c'est la seule chose qui a fait annuler les frais",
        upvotes: ["jules"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 5,
        accepted: true,
        body: `Bonjour Jules, les retours peuvent mettre jusqu'à 10 jours ouvrés à être scannés à l'entrepôt, et la facture de clôture est parfois éditée avant. Voici la marche à suivre :

1. Ne payez pas la ligne de 49 €. Elle ne part pas en recouvrement tant qu'un retour est en cours de vérification.
2. Envoyez le numéro de suivi de votre récépissé via [www.nimbus.example/contact](https://www.nimbus.example/contact), motif **Retour de matériel**.
3. Une fois le scan rattaché à votre compte, les frais sont annulés et une facture rectificative est émise automatiquement.

J'ai vérifié avec le service retours : votre colis est arrivé le 9, la correction devrait apparaître d'ici quelques jours.`,
        upvotes: ["jules", "sam", "priya", "lena_k", "beatriz"],
        comments: [{ author: "jules", body: "facture rectificative reçue aujourd'hui, 0 €. merci" }],
      },
    ],
  },
  {
    key: "invoice-pdf-blank",
    category: "billing",
    author: "dev_ollie",
    title: "le téléchargement de la facture en PDF affiche une page blanche",
    body: `J'essaie de télécharger ma facture de mars pour une note de frais (forfait télétravail). Espace client web → Factures → **Télécharger le PDF** ouvre un nouvel onglet complètement blanc.

Testé sur Firefox et Chrome, en navigation privée aussi. Dans l'appli ça marche mais j'en ai besoin sur mon PC. Quelqu'un d'autre ?`,
    tags: ["facture", "pdf", "site-web"],
    daysAgo: 0.6,
    upvotes: ["sam"],
    comments: [{ author: "kwame", body: "pareil chez moi sur Chrome, par contre celle de février se télécharge sans souci" }],
    answers: [],
  },
  {
    key: "student-family-discount",
    category: "billing",
    author: "nora",
    title: "la réduction étudiante se cumule avec la remise famille ?",
    body: `Ma fille entre à la fac en septembre et j'aimerais lui prendre sa propre ligne tout en la gardant dans notre offre famille (-5 € par ligne).

La réduction étudiante c'est 20 % : on peut avoir les deux, ou c'est l'un ou l'autre ? le site ne dit rien`,
    tags: ["remise", "offre-famille"],
    daysAgo: 40,
    upvotes: ["amara", "beatriz"],
    answers: [
      {
        author: "amara",
        hoursAfterQuestion: 20,
        body: "J'avais demandé en boutique l'an dernier : la remise famille et la réduction étudiante ne se cumulent pas, on a la plus avantageuse des deux. Pour nous les 20 % étaient mieux sur le forfait 50 Go mais moins bien sur le petit 10 Go, donc fais le calcul forfait par forfait.",
        upvotes: ["nora", "beatriz"],
        comments: [{ author: "nora", body: "ah ok, je vais faire le calcul. merci" }],
      },
    ],
  },
];
