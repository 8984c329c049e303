// Les conversations de démo en Réseau et pannes : les mêmes fils que
// ../network.ts (mêmes clés, auteurs, dates et votes), en français.
import { FENCE, type DemoThread } from "../types";

export const FR_NETWORK_THREADS: DemoThread[] = [
  {
    key: "no-signal-home",
    category: "network",
    author: "jules",
    title: "plus de réseau chez moi depuis mardi",
    body: `Depuis mardi mon tel affiche 1 barre ou « Appels d'urgence uniquement » chez moi (Roubaix, près du canal). 200 m plus loin dans la rue ça capte normal. Les voisins chez Nimbus ont pareil.

Je suis en télétravail donc c'est un vrai problème, je peux même pas prendre d'appels.`,
    tags: ["panne", "mobile", "5g"],
    daysAgo: 5,
    upvotes: ["sam", "kwame", "amara", "tomasz", "beatriz"],
    comments: [
      { author: "beatriz", body: "pareil ici depuis mardi, aussi près du canal" },
      { author: "priya", body: "Si tu as le wifi à la maison, active les appels Wi-Fi, ça te permettra au moins de passer des appels en attendant." },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1,
        body: "Un truc à tester en attendant : passe la sélection du réseau en manuel et choisis Nimbus 4G. Les téléphones restent parfois accrochés à une couche 5G faible quand l'antenne la plus proche est en panne.",
        upvotes: ["jules", "beatriz", "kwame"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Bonjour Jules, merci pour les détails. J'ai vérifié avec l'équipe réseau : le site qui couvre le secteur du canal est à l'arrêt depuis mardi matin pour le remplacement d'une antenne. C'est indiqué sur https://status.nimbus.example (cherchez votre code postal), avec un retour du service prévu vendredi soir.

En attendant :

- Activez les **appels Wi-Fi** (*Réglages → Téléphone → Appels Wi-Fi*), pour que les appels et les SMS passent par votre connexion internet.
- Si la panne vous a porté préjudice, vous pouvez demander un dédommagement pour les jours concernés via [www.nimbus.example/contact](https://www.nimbus.example/contact).

Je posterai ici quand ce sera rétabli.`,
        upvotes: ["jules", "sam", "kwame", "amara", "tomasz", "beatriz", "priya"],
        comments: [
          { author: "morgan", body: "Mise à jour : le site est de nouveau en service depuis cet après-midi, le réseau devrait être revenu à la normale." },
          { author: "jules", body: "yes 4 barres à nouveau. merci de nous avoir tenus au courant" },
        ],
      },
    ],
  },
  {
    key: "fibre-speed-low",
    category: "network",
    author: "tomasz",
    title: "débit fibre bien en dessous de mon offre",
    body: `Je paie la Fibre Nimbus 1 Gb (44,99 €/mois) et speedtest m'affiche **280–320 Mb/s** sur mon PC portable. Ça c'est en descendant, en montant je suis autour de 600.

J'ai appelé le service client, ils disent « la ligne est bonne ». On se fout de moi ou quoi ?`,
    tags: ["fibre", "debit", "wifi"],
    daysAgo: 14,
    upvotes: ["sam", "dev_ollie", "kwame", "jules", "nora", "lena_k"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Presque à coup sûr c'est le wifi ou le PC, pas la ligne. 1 Gb/s, c'est ce qui arrive à la box ; le wifi en transporte rarement la totalité. En gros, à quoi s'attendre :

| Connexion | Débit descendant réaliste |
|---|---|
| Ethernet (port gigabit) | 920–940 Mb/s |
| Wi-Fi 6, 5 GHz, même pièce | 600–900 Mb/s |
| Wi-Fi 5, 5 GHz, même pièce | 300–500 Mb/s |
| Wi-Fi 5 GHz à travers deux murs | 100–300 Mb/s |
| Wi-Fi 2,4 GHz | 50–150 Mb/s |

Pour savoir ce qui coince :

1. Branche le PC sur un des **ports LAN jaunes** de la box avec un câble Cat5e ou Cat6.
2. Mets en pause les autres téléchargements et lance un test sur [www.nimbus.example/speedtest](https://www.nimbus.example/speedtest).
3. En filaire tu es vers 900 ou plus ? La ligne va bien, c'est le wifi qui limite.
4. En filaire aussi vers 300 ? Vérifie le **câble** (un câble abîmé tombe souvent à 100 Mb/s) et l'**adaptateur** : les adaptateurs Ethernet USB 2.0 plafonnent vers 300 Mb/s.

Ton débit montant *plus élevé* que le descendant, c'est un gros indice : la ligne a clairement la capacité, c'est quelque chose côté PC qui limite le téléchargement.`,
        upvotes: ["tomasz", "sam", "dev_ollie", "kwame", "jules", "nora", "lena_k", "morgan", "amara", "alex", "beatriz"],
        comments: [
          { author: "tomasz", body: "en filaire = 938 en descendant. Donc c'est mon PC, il a une vieille carte wifi (Intel AC 3165). ok, on se fout pas de moi alors 😂" },
          { author: "dev_ollie", body: "le coup de l'adaptateur USB 2.0 m'a eu aussi, super conseil" },
        ],
      },
      {
        author: "sam",
        hoursAfterQuestion: 6,
        body: "t'as essayé de redémarrer la box ? la mienne était lente une fois et un redémarrage a réglé le truc",
        downvotes: ["dev_ollie"],
      },
    ],
  },
  {
    key: "wifi-microwave",
    category: "network",
    author: "beatriz",
    title: "le wifi coupe quand le micro-ondes est allumé",
    body: `Truc bizarre : à chaque fois que quelqu'un utilise le micro-ondes, le wifi de mon PC dans la cuisine coupe ou devient super lent. Les visios freezent. Quand le micro-ondes s'arrête tout redevient normal.

La box est dans le salon, la cuisine est juste à côté. Mon micro-ondes est cassé/dangereux ??`,
    tags: ["wifi", "interferences"],
    daysAgo: 16,
    upvotes: ["amara", "jules", "nora", "sam"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2.5,
        accepted: true,
        body: `Ton micro-ondes va très probablement bien. Les fours à micro-ondes fonctionnent à environ 2,45 GHz, en plein dans la bande wifi 2,4 GHz. Une toute petite fuite est normale et sans danger pour toi, mais ça suffit à noyer le wifi à proximité.

Solutions, de la plus simple à la moins simple :

1. **Passe en 5 GHz.** Le micro-ondes ne le perturbe pas. Dans les réglages de la box (*Wi-Fi → Bandes*), soit tu laisses le band steering activé, soit tu donnes un nom à part au 5 GHz (par ex. « Maison-5G ») et tu y connectes le PC.
2. Si un appareil ne fait que du 2,4 GHz, mets la box sur le **canal 1**. Le bruit du micro-ondes est le plus fort en haut de la bande :

| Canal 2,4 GHz | Fréquence centrale | Interférences du micro-ondes |
|---|---|---|
| 1 | 2412 MHz | les plus faibles |
| 6 | 2437 MHz | moyennes |
| 11 | 2462 MHz | les plus fortes |

3. Quand c'est possible, évite que le micro-ondes se retrouve pile entre la box et le PC.

Si ça le fait encore en 5 GHz, c'est autre chose : redis-nous et on creusera.`,
        upvotes: ["beatriz", "amara", "jules", "nora", "sam", "kwame", "tomasz", "lena_k", "dev_ollie", "morgan"],
        comments: [
          { author: "beatriz", body: "passé le PC en 5GHz, fait tourner le micro-ondes 2 min pendant un appel : aucune coupure. génial, merci" },
          { author: "nora", body: "je savais pas du tout ! ça explique pourquoi mon babyphone grésille aussi" },
        ],
      },
      {
        author: "kwame",
        hoursAfterQuestion: 4,
        body: "J'avais le même souci avec la base d'un vieux téléphone sans fil, aussi en 2,4. La déplacer de l'autre côté de la pièce a aidé.",
        upvotes: ["beatriz"],
      },
    ],
  },
  {
    key: "evening-lag",
    category: "network",
    author: "sam",
    title: "pics de lag tous les soirs quand je joue",
    body: "En jeu en ligne (Rocket League, serveurs EU), j'ai 15 ms de ping le matin mais entre 20h et 23h ça monte à 200+ toutes les deux secondes. Je suis en filaire. Nimbus bride le soir ou quoi ??",
    tags: ["latence", "jeu-en-ligne", "fibre"],
    daysAgo: 8,
    upvotes: ["dev_ollie", "kwame", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 4,
        body: `On va voir si ça vient de ton réseau à la maison ou de plus loin. Depuis le PC en filaire, le soir pendant que ça arrive, lance :

${FENCE}
ping -n 50 192.168.1.1
ping -n 50 1.1.1.1
${FENCE}

Le premier pingue ta propre box. Si tu vois ça :

${FENCE}
Réponse de 192.168.1.1 : octets=32 temps<1ms TTL=64
Réponse de 192.168.1.1 : octets=32 temps=187 ms TTL=64
Réponse de 192.168.1.1 : octets=32 temps<1ms TTL=64
${FENCE}

…les pics viennent **de chez toi** : quelque chose sature la connexion, en général un envoi (sauvegarde de photos dans le cloud, quelqu'un qui stream sur Twitch, une console qui télécharge une mise à jour). La file d'attente de la box se remplit et les paquets du jeu font la queue. Active *Avancé → QoS → File intelligente* sur la box, ça règle le problème dans la plupart des cas.

Si le ping vers la box est propre mais que 1.1.1.1 fait des pics, le problème est plus loin. Poste le résultat de \`tracert 1.1.1.1\` ici et mentionne @morgan pour que l'équipe réseau regarde.`,
        upvotes: ["sam", "dev_ollie", "kwame", "jules", "tomasz", "amara"],
        comments: [
          { author: "sam", body: "ok je le lance ce soir. mon coloc upload des vidéos le soir en fait 🤔" },
          { author: "dev_ollie", body: "+1 pour la file intelligente, ça a réglé le problème chez moi" },
        ],
      },
    ],
  },
  {
    key: "5g-slower",
    category: "network",
    author: "kwame",
    title: "l'icône 5G s'affiche mais c'est plus lent qu'en 4G",
    body: "Nouveau Galaxy S23, forfait Nimbus 5G. Chez moi ça affiche 5G mais j'ai genre 8 Mb/s ; si je force la 4G seule j'ai 60+. On dirait que la 5G c'est une arnaque mdr. Je suis à Villeurbanne si ça compte.",
    tags: ["5g", "debit", "mobile"],
    daysAgo: 26,
    upvotes: ["dev_ollie", "tomasz"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 7,
        body: `L'icône 5G dit juste que tu es accroché à *une* 5G, pas à une bonne. Deux cas fréquents :

- **En bordure d'une cellule 3,5 GHz** : rapide dehors, mais à l'intérieur le signal est faible et le téléphone s'y accroche quand même au lieu de repasser sur une 4G solide.
- **5G en bande basse (700 MHz)** : très bonne couverture, mais pas beaucoup plus rapide que la 4G parce que la bande de fréquences est étroite.

Sur un Samsung tu peux vérifier avec le menu de service (compose \`*#0011#\`) : il affiche la bande (n78 = 3,5 GHz) et le niveau de signal (RSRP). En dessous d'environ -110 dBm en intérieur, forcer la 4G est vraiment le meilleur choix.

Signale-le aussi dans l'appli (*Réseau → Signaler un problème*) avec la localisation activée : ces signalements alimentent la planification de l'équipe réseau.`,
        upvotes: ["kwame", "dev_ollie", "tomasz", "sam", "jules"],
        comments: [{ author: "kwame", body: "ServiceMode affiche n78 avec RSRP -118. donc signal faible oui" }],
      },
      {
        author: "dev_ollie",
        hoursAfterQuestion: 12,
        body: "Pareil à Lyon 7e, je la laisse en 4G à l'intérieur et je repasse en 5G quand je sors.",
        upvotes: ["kwame"],
      },
    ],
  },
  {
    key: "outage-lyon",
    category: "network",
    author: "amara",
    title: "panne internet sur Lyon 3e en ce moment ?",
    body: "Voyant @ de la box qui clignote rouge depuis environ une heure, le câble fibre est ok, j'ai redémarré. La page d'état dit « aucun incident connu » pour 69003. D'autres personnes du côté de Part-Dieu ?",
    tags: ["panne", "fibre"],
    daysAgo: 0.2,
    upvotes: ["kwame"],
    comments: [
      { author: "kwame", body: "pareil sur 69007, ça clignote rouge ici aussi" },
      { author: "dev_ollie", body: "en panne ici aussi (Guillotière). on dirait un truc plus gros" },
    ],
    answers: [],
  },
  {
    key: "traceroute-latency",
    category: "network",
    author: "dev_ollie",
    title: "traceroute : énorme latence sur un saut Nimbus, c'est grave ?",
    body: `Je cherchais pourquoi les pages chargent lentement et j'ai lancé un traceroute. Le saut 3 (un routeur Nimbus) affiche 180 ms mais la destination finale est à 14 ms ?? Comment c'est possible ?

${FENCE}
traceroute to example.org (203.0.113.10), 30 hops max
 1  nimbus.box (192.168.1.1)  0.6 ms  0.5 ms  0.5 ms
 2  10.64.0.1  3.1 ms  2.9 ms  3.0 ms
 3  core1-lyo.nimbus.example  182.4 ms  179.8 ms  185.1 ms
 4  ix-par.nimbus.example  9.8 ms  9.6 ms  9.9 ms
 5  * * *
 6  example.org (203.0.113.10)  14.2 ms  14.0 ms  14.1 ms
${FENCE}`,
    tags: ["latence", "traceroute"],
    daysAgo: 38,
    upvotes: ["priya", "tomasz", "kwame"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `C'est normal, et ce n'est pas la cause de tes pages lentes.

Les routeurs transmettent ton trafic en matériel, c'est très rapide. Mais *répondre* à une sonde traceroute (le message ICMP « time exceeded ») est fait par le processeur du routeur, en basse priorité et avec un débit limité. Donc un saut peut paraître lent, ou ne pas répondre du tout comme le saut 5, alors que le trafic qui le traverse se porte très bien.

La règle de base : **seule compte la latence qui se répercute sur tous les sauts suivants.** Ici les sauts 4 et 6 sont à 10–14 ms, donc rien n'est réellement ralenti en chemin. Si le saut 3 *et tous ceux d'après* étaient à 180 ms, là ce serait un vrai problème.

Pour les pages lentes, regarde plutôt le DNS et le navigateur : compare \`nslookup example.org\` avec le DNS de la box et un DNS public, et essaie une fenêtre privée sans extensions.`,
        upvotes: ["dev_ollie", "tomasz", "kwame", "jules", "sam", "morgan", "alex", "nora"],
        comments: [{ author: "dev_ollie", body: "j'ai appris un truc. au final les pages lentes c'était une extension du navigateur 🙃" }],
      },
    ],
  },
  {
    key: "basement-wifi-calling",
    category: "network",
    author: "lena_k",
    title: "impossible d'appeler depuis mon studio en sous-sol, je peux avoir les appels wifi ?",
    body: "J'ai emménagé dans un studio en sous-sol (à moitié enterré). Le réseau mobile est quasi nul à l'intérieur, les appels coupent au bout de 10 secondes. J'ai aussi la fibre Nimbus. Les appels wifi c'est dispo et c'est payant ? iPhone 13. Merci d'avance",
    tags: ["appels-wifi", "couverture"],
    daysAgo: 42,
    upvotes: ["nora", "jules"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Bonjour Lena, les appels Wi-Fi sont inclus sans surcoût dans tous les forfaits mobiles Nimbus, et ils fonctionnent avec n'importe quel wifi, pas seulement celui de Nimbus.

Sur votre iPhone : *Réglages → Téléphone → Appels Wi-Fi* → activé, puis confirmez votre adresse quand elle vous est demandée (elle sert pour les appels d'urgence). Vous gardez votre numéro habituel pour les appels et les SMS.

Si l'option n'apparaît pas, mettez iOS à jour, puis ouvrez *Réglages → Général → Informations* et patientez 30 secondes : si une mise à jour des réglages de l'opérateur est disponible, elle vous sera proposée.`,
        upvotes: ["lena_k", "nora", "jules", "priya", "sam"],
        comments: [{ author: "lena_k", body: "ça marche parfaitement, les appels sont plus clairs que quand j'habitais au 3e mdr" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "Si un jour les appels Wi-Fi ne suffisent pas (par ex. pour des visiteurs chez Nimbus), les clients fibre Nimbus peuvent emprunter gratuitement un petit relais intérieur, la Nimbus Signal Box. Demande-la au support.",
        upvotes: ["lena_k", "nora", "morgan"],
      },
    ],
  },
];
