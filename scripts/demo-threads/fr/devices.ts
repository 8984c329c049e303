// Les conversations de démo en Box et téléphones : les mêmes fils que
// ../devices.ts (mêmes clés, auteurs, dates et votes), en français.
import { FENCE, type DemoThread } from "../types";

export const FR_DEVICES_THREADS: DemoThread[] = [
  {
    key: "box-nightly-restart",
    category: "devices",
    author: "amara",
    title: "ma box redémarre toute seule toutes les nuits",
    body: `Bonsoir,

Toutes les nuits vers 3h10 ma Nimbus Box redémarre. Je le sais parce que le journal de mon NAS montre le réseau qui coupe, et la seule fois où j'étais debout les voyants clignotaient tous en blanc puis redevenaient blanc fixe.

Du coup la sauvegarde de mon NAS plante. C'est la Nimbus Box 4 (la noire). Il y a moyen d'empêcher ça ??`,
    tags: ["nimbus-box", "redemarrage"],
    daysAgo: 10,
    upvotes: ["jules", "kwame", "dev_ollie", "sam", "tomasz"],
    comments: [
      { author: "dev_ollie", body: "pareil ici, la mienne le fait aussi vers 3-4h du mat" },
      { author: "sam", body: "t'as essayé de la redémarrer ? 😅" },
      { author: "amara", body: "@sam haha, elle redémarre déjà bien assez toute seule" },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Commence par ouvrir le journal d'événements de la box : va sur http://192.168.1.1, puis *Avancé → Système → Journal d'événements*, et regarde ce qui se passe juste avant 03:10. Tu verras très probablement un truc du genre :

${FENCE}
03:09:58  FWUPD   Update 4.12.3 staged, awaiting reboot
03:10:02  SYSTEM  Scheduled maintenance reboot (auto)
${FENCE}

C'est la **plage de maintenance automatique** : la Box 4 redémarre la nuit pour installer les mises à jour et vider sa mémoire. Tu peux la déplacer :

1. *Avancé → Système → Maintenance*
2. Mets la plage à une heure qui t'arrange (par ex. 05:30), ou désactive les redémarrages automatiques. Les mises à jour attendront alors que tu la redémarres toi-même.

Si par contre le journal indique **Watchdog reset** ou **Thermal shutdown**, c'est un autre problème : vérifie que la box n'est pas enfermée ou posée sur quelque chose qui chauffe, et si ça continue demande un échange au SAV.`,
        upvotes: ["amara", "jules", "kwame", "dev_ollie", "sam", "tomasz", "morgan", "lena_k", "nora"],
        comments: [
          { author: "amara", body: "Le journal disait 'Scheduled maintenance reboot (auto)'. j'ai décalé la plage à 5h30, la sauvegarde est passée nickel cette nuit 🎉" },
        ],
      },
      {
        author: "tomasz",
        hoursAfterQuestion: 8,
        body: "décale juste ta sauvegarde à 4h mdr",
        upvotes: ["dev_ollie"],
        downvotes: ["jules"],
      },
    ],
  },
  {
    key: "puk-code",
    category: "devices",
    author: "nora",
    title: "où trouver mon code PUK",
    body: "Mon fils a tapé 3 fois le mauvais code PIN sur mon téléphone et maintenant c'est marqué « SIM bloquée, saisir le PUK ». Je le trouve où ?? J'ai plus le support en plastique de la carte SIM",
    tags: ["sim", "puk"],
    daysAgo: 4,
    upvotes: ["beatriz", "kwame"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 0.5,
        accepted: true,
        body: `Il est dans ton espace client. Comme ton téléphone est bloqué, passe par le site sur un ordi :

**Compte → Lignes mobiles → choisis le numéro → Code PUK**

(Dans l'appli c'est *Mobile → SIM → Afficher le PUK*, si tu peux te connecter sur un autre téléphone.)`,
        upvotes: ["nora", "beatriz", "kwame", "priya", "morgan"],
        comments: [{ author: "nora", body: "récupéré sur le site depuis mon ordi, le téléphone remarche. ouf" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 1,
        body: "Attention : tu as **10 essais** pour le PUK. Après, la SIM est bloquée définitivement et il faut la remplacer (gratuit en boutique, 5 € par courrier). Tape-le doucement ! Une fois qu'il est accepté, le téléphone te demande de choisir un nouveau code PIN.",
        upvotes: ["nora", "lena_k", "beatriz", "kwame", "jules", "morgan", "amara"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        body: "Et si vous ne pouvez vous connecter nulle part, notre chat sur [www.nimbus.example/contact](https://www.nimbus.example/contact) peut vous donner le PUK après une rapide vérification d'identité.",
        upvotes: ["nora"],
      },
    ],
  },
  {
    key: "esim-transfer-failed",
    category: "devices",
    author: "dev_ollie",
    title: "transfert eSIM vers mon nouveau tel raté, plus de réseau sur aucun des deux",
    body: `Je suis passé d'un iPhone 12 à un iPhone 15 et j'ai choisi « Transférer l'eSIM » pendant la configuration. Ça a affiché **« Impossible de terminer la configuration cellulaire »** et maintenant l'ANCIEN téléphone affiche Pas de service aussi.

Donc zéro téléphone qui marche. J'écris depuis mon PC du boulot. Je fais quoi ?`,
    tags: ["esim", "sim", "iphone"],
    daysAgo: 22,
    upvotes: ["tomasz", "kwame", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.5,
        accepted: true,
        body: `Quand un transfert échoue à mi-chemin, l'ancienne eSIM a en général été désactivée mais la nouvelle n'a jamais été émise. Ne relance pas le transfert depuis l'ancien téléphone, ça échouera pareil. À la place :

1. Sur le nouvel iPhone, va dans *Réglages → Données cellulaires*. S'il y a un forfait Nimbus grisé, **supprime-le**.
2. Sur le site, va dans *Lignes mobiles → ton numéro → Remplacer l'eSIM*. Tu obtiens un nouveau QR code (gratuit, une fois tous les 30 jours). Comme tu ne peux pas recevoir de SMS pour l'instant, le code de vérification part sur ton adresse mail.
3. Sur le nouveau téléphone : *Réglages → Données cellulaires → Ajouter une eSIM → Utiliser un code QR* et scanne-le.
4. Redémarre le téléphone. Nimbus devrait apparaître en quelques minutes.`,
        upvotes: ["dev_ollie", "tomasz", "kwame", "jules", "sam", "lena_k", "morgan", "beatriz"],
        comments: [{ author: "dev_ollie", body: "la méthode du QR code a marché du premier coup. de retour en ligne, merci !!" }],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        body: "Nous avons connaissance d'un problème avec les transferts directs depuis certaines anciennes versions d'iOS. Le passage par le QR code que décrit Priya est le contournement fiable en attendant le correctif.",
        upvotes: ["dev_ollie", "priya"],
      },
    ],
  },
  {
    key: "red-at-light",
    category: "devices",
    author: "sam",
    title: "Nimbus Box : voyant @ rouge, plus d'internet",
    body: `Rentré à la maison et plus d'internet. Voyants de la box : alimentation blanc, wifi blanc, le **@ est rouge** (fixe, pas clignotant). Redémarré deux fois, pareil.

Personne a touché aux câbles a ma connaissance. C'est une panne ou c'est ma box ?`,
    tags: ["nimbus-box", "fibre", "panne"],
    daysAgo: 2,
    upvotes: ["amara", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 0.7,
        accepted: true,
        body: `Le voyant @ te dit assez précisément où est le problème :

| Voyant @ | Ce que ça veut dire | Quoi faire |
|---|---|---|
| blanc fixe | connectée | rien |
| blanc clignotant | connexion en cours | attendre 2–3 minutes |
| rouge clignotant | pas de signal sur la fibre | vérifier le câble fibre vert, puis la page d'état |
| rouge fixe | fibre OK, mais connexion refusée | voir plus bas |

Rouge fixe, ça veut dire que la fibre va bien mais que le réseau refuse la connexion de la box. Vérifie, dans cet ordre :

1. https://status.nimbus.example pour ton code postal.
2. Ton compte : si un paiement a échoué et que la ligne est **suspendue**, tu as exactement ce symptôme. L'appli affiche un bandeau.
3. En tout dernier recours, réinitialise la box (appuie 10 secondes sur le bouton reset avec un trombone). Elle met environ 15 minutes à se reconfigurer.`,
        upvotes: ["sam", "amara", "jules", "lena_k", "nora", "kwame", "tomasz"],
        comments: [
          {
            author: "sam",
            body: "c'était la facture 🤦 ma carte avait expiré donc le prelevement a pas marché. payé dans l'appli et 10 min après le @ est repassé au blanc. merci priya",
          },
        ],
      },
      {
        author: "jules",
        hoursAfterQuestion: 1,
        body: "il y a eu une panne dans mon quartier le mois dernier qui ressemblait exactement à ça, regarde d'abord la page d'état",
        upvotes: ["sam"],
      },
    ],
  },
  {
    key: "own-router",
    category: "devices",
    author: "kwame",
    title: "je peux mettre mon propre routeur à la place de la Nimbus Box ?",
    body: "J'ai un bon routeur ASUS avec un wifi bien meilleur et j'aimerais ranger la Nimbus Box dans un tiroir. C'est possible avec la fibre Nimbus ? Il faut quels réglages ? Je sais pas non plus si j'ai besoin de la box pour la télé.",
    tags: ["nimbus-box", "routeur", "fibre"],
    daysAgo: 28,
    upvotes: ["dev_ollie", "tomasz", "sam", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: `Oui, de deux façons :

**1. Garder la box et la passer en mode bridge (le plus simple).** *Avancé → Réseau → Mode bridge*. La box arrête de router et coupe son wifi, et ton ASUS récupère l'IP publique. Branche le décodeur TV sur l'ASUS. Le fixe Nimbus continue de marcher parce qu'il reste sur la box.

**2. Remplacer complètement la box.** La fibre Nimbus arrive sur le petit boîtier blanc fixé au mur (l'ONT), donc ton routeur peut s'y brancher directement. Réglages WAN :

${FENCE}
WAN type:     DHCP (IPoE)
VLAN ID:      100
Priority:     0
IPv6:         DHCPv6 with prefix delegation (/56)
DNS:          automatic
${FENCE}

Avec l'option 2, le fixe et la télé ne marcheront plus, et le support ne pourra dépanner que jusqu'au boîtier mural. Si quelqu'un à la maison utilise encore le fixe, pars sur l'option 1.`,
        upvotes: ["kwame", "dev_ollie", "tomasz", "sam", "jules", "lena_k", "nora"],
        comments: [
          { author: "dev_ollie", body: "Je suis en option 2 avec un routeur OpenWrt, VLAN 100 + DHCP ça marche, la délégation de préfixe IPv6 aussi." },
          { author: "kwame", body: "merci, faut que je vérifie d'abord si on utilise le fixe. mes parents appellent encore dessus mdr" },
        ],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 9,
        body: "Côté officiel : vous êtes libre d'utiliser votre propre routeur. La Nimbus Box est prêtée, gardez-la donc et renvoyez-la si vous résiliez. Le mode bridge est l'installation que nous recommandons, car nous pouvons toujours lancer des tests de ligne via la box.",
        upvotes: ["priya", "kwame"],
      },
    ],
  },
  {
    key: "sim-wrong-size",
    category: "devices",
    author: "lena_k",
    title: "nouvelle SIM reçue mais elle est pas au bon format",
    body: "J'ai commandé une SIM de remplacement et sur la carte il y a une grande puce, alors que mon téléphone prend une nano SIM. Je dois en recommander une autre ?? le site disait « SIM universelle »",
    tags: ["sim"],
    daysAgo: 33,
    upvotes: ["amara"],
    answers: [
      {
        author: "jules",
        hoursAfterQuestion: 1.2,
        accepted: true,
        body: "C'est une SIM triple découpe : regarde bien, il y a deux autres contours à l'intérieur de la grande. Détache doucement la plus petite (la nano) en poussant par l'arrière. Ne la découpe pas aux ciseaux !",
        upvotes: ["lena_k", "amara", "priya", "nora"],
        comments: [{ author: "lena_k", body: "omg je la vois maintenant. merci 🙈" }],
      },
    ],
  },
  {
    key: "box-whine",
    category: "devices",
    author: "tomasz",
    title: "la Nimbus Box fait un sifflement aigu la nuit",
    body: "Depuis quelques jours ma box fait un petit sifflement aigu, surtout audible la nuit quand tout est calme. Internet marche bien. Elle est en train de mourir ? Elle a environ 3 ans, posée sur une étagère ouverte, pas couverte.",
    tags: ["nimbus-box", "materiel"],
    daysAgo: 0.9,
    comments: [
      { author: "nora", body: "la mienne faisait ça quand le bloc d'alim était branché sur une multiprise avec plein d'autres trucs. essaie direct sur une prise murale ?" },
    ],
    answers: [],
  },
];
