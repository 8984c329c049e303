// A small support community in English and French, written the way customers
// write (lower case titles, hyphens, elisions, inflections), with threads that
// share words so that ranking matters. The search relevance suite
// (tests/models/search/relevance.test.ts) posts it through the model functions
// and checks which thread each real-world query puts first.

export type CorpusThread = {
  /** How the relevance suite names the thread. */
  key: string;
  title: string;
  body: string;
  answers?: string[];
  /** The first answer is accepted. */
  solved?: boolean;
};

export const SEARCH_CORPUS: CorpusThread[] = [
  // English.
  {
    key: "microwave",
    title: "wifi drops when the microwave is on",
    body: "Weird one: every time someone uses the microwave, the wifi on my laptop in the kitchen drops or gets super slow. Video calls freeze.",
    answers: ["Microwave ovens work at 2.4 GHz, inside the 2.4 GHz Wi-Fi band. Connect the laptop to the 5 GHz network instead."],
    solved: true,
  },
  {
    key: "box-restarts",
    title: "the box keeps restarting every night",
    body: "Around 3am the Nimbus Box reboots by itself and the internet goes down for a few minutes. It happens every single night.",
    answers: ["That is the nightly firmware update window. You can move it to another hour in the box settings."],
    solved: true,
  },
  {
    key: "evening-slow",
    title: "Internet very slow in the evening",
    body: "Speeds are fine during the day but after 7pm everything buffers and pages take ages to load.",
    answers: ["Run a speed test with a cable plugged in: if it is fine wired, the problem is the wireless, not the line."],
    solved: true,
  },
  {
    key: "own-router",
    title: "Can I use my own router instead of the Nimbus Box?",
    body: "I have an ASUS router with much better coverage and I'd like to put the Nimbus Box in a drawer. Is that possible on fibre?",
    answers: ["Yes: put the box in bridge mode (Advanced, then Network, then Bridge mode) and plug your router into its LAN port."],
    solved: true,
  },
  {
    key: "wifi-calling",
    title: "can't call from my basement flat, can I get Wi-Fi calling?",
    body: "Mobile signal is basically zero inside my basement studio and calls drop after ten seconds.",
    answers: ["Wi-Fi Calling is included on every plan: Settings, Phone, Wi-Fi Calling, then confirm your address."],
    solved: true,
  },
  {
    key: "guest-network",
    title: "tip: set up a guest network for visitors",
    body: "I got tired of reading out my 24-character password to every visitor, so I turned on the guest network of the box.",
  },
  {
    key: "invoice-pdf",
    title: "invoice PDF download just gives a blank page",
    body: "When I download my latest invoice from the app, the PDF opens but the page is completely blank.",
    answers: ["The app bug is fixed in version 5.2; meanwhile the website downloads invoices correctly."],
  },
  {
    key: "charged-twice",
    title: "charged twice for the same month",
    body: "My bank statement shows two direct debits from Nimbus for March, same amount, one day apart.",
    answers: ["Billing refunds a duplicate payment within five working days; ask them for a reference."],
    solved: true,
  },
  {
    key: "bill-higher",
    title: "Why is my bill higher this month?",
    body: "My monthly bill went up by six euros without any warning. Nothing changed on my side.",
    answers: ["The yearly price increase was announced by email in January; it is on page two of the bill."],
  },
  {
    key: "forgot-password",
    title: "forgot my password and the reset email never arrives",
    body: "I asked for a password reset three times and nothing comes, not even in the spam folder.",
    answers: ["Check which email address is on your account: the reset link goes there, not to your new one."],
    solved: true,
  },
  {
    key: "two-factor",
    title: "two-factor code never arrives by text",
    body: "When I log in, the verification code SMS never comes, so I am stuck on the sign-in page.",
    answers: ["Switch to an authenticator app in the security settings; texts can be late on some networks."],
  },
  {
    key: "esim",
    title: "how do I move my eSIM to a new phone?",
    body: "I got a new iPhone today and want my line on it. The old phone still works.",
    answers: ["Request a new eSIM QR code in the app under My line, then scan it with the new phone."],
    solved: true,
  },
  {
    key: "roaming",
    title: "roaming charges in Spain even though I have the Europe pack",
    body: "I was charged for data in Barcelona although the Europe pack is on my plan.",
    answers: ["The pack has to be active before you travel; ask support to refund the charges."],
  },
  {
    key: "porting",
    title: "can I keep my number when I switch to Nimbus?",
    body: "I am with another provider and would like to bring my mobile number with me.",
    answers: ["Yes: porting takes one working day once you give us the code from your old provider."],
    solved: true,
  },
  {
    key: "voicemail-pin",
    title: "voicemail PIN not accepted anymore",
    body: "I changed my voicemail PIN last week and now it always says the code is incorrect.",
    answers: ["Dial 123, choose option 4 and set the PIN again."],
  },
  {
    key: "red-light",
    title: "red light on the @ symbol of the box",
    body: "No internet since this morning; the @ light on the front is solid red, not blinking.",
    answers: ["A red @ light means the line is down: check the status page for an outage in your area."],
  },
  {
    key: "outage-lyon",
    title: "internet outage in Lyon since this morning",
    body: "Nothing works in Lyon 3e, neighbours have the same problem.",
    answers: ["There is a known outage, engineers are on site and expect to fix it tonight."],
  },
  {
    key: "engineer-missed",
    title: "refund for a missed engineer appointment",
    body: "The engineer never came for my installation and nobody called to say so.",
    answers: ["You are owed compensation for every missed visit; it is credited on the next bill."],
  },
  {
    key: "cancel-contract",
    title: "how do I cancel my contract?",
    body: "I am moving abroad next month and need to end everything with Nimbus.",
    answers: ["Use the cancellation form in your account; the notice period is 30 days."],
    solved: true,
  },
  {
    key: "moving-home",
    title: "moving home: can I take my broadband with me?",
    body: "We move to a new flat in May. Does the fibre follow us or is it a new contract?",
    answers: ["Ask for a move in the app three weeks before; your contract carries on."],
  },
  {
    key: "tv-decoder",
    title: "TV decoder stuck on the loading screen",
    body: "The decoder shows the Nimbus logo forever and never gets to the channels.",
    answers: ["Unplug the decoder for thirty seconds, then plug it back in."],
  },
  {
    key: "email-change",
    title: "cannot change the e-mail address on my account",
    body: "The profile page says the new e-mail address is invalid although it works.",
    answers: ["Confirm the new address from the link sent to it; the change waits until then."],
  },
  {
    key: "app-logout",
    title: "the app keeps logging me out",
    body: "Every time I close the app I have to sign in again with my password.",
    answers: ["Turn off battery optimisation for the app in your phone's settings."],
  },
  {
    key: "set-top",
    title: "set-top box remote is not pairing",
    body: "The new remote does not pair with the set-top box, the light just blinks.",
    answers: ["Hold OK and the back button together for five seconds next to the box."],
  },
  {
    key: "speed-test",
    title: "speed test shows 50 Mbps on a 500 Mbps plan",
    body: "I pay for 500 Mbps but every speed test on my laptop gives about 50.",
    answers: ["Test with an Ethernet cable: wireless rarely carries the full speed."],
  },
  {
    key: "late-fee",
    title: "late payment fee after a failed direct debit",
    body: "My direct debit failed because of my bank and now there is a late fee of 8 euros.",
  },
  {
    key: "parental",
    title: "how to switch off the wifi at night for the kids",
    body: "I would like the kids' tablets to lose the wireless at 10pm on school nights.",
    answers: ["Use the parental controls of the box: pick the devices and the hours."],
  },
  {
    key: "season-pass",
    title: "season pass for the sports channels",
    body: "Is there a pass for the whole football season, and can I pay it monthly with my bill?",
  },
  {
    key: "data-left",
    title: "how to see how much data I have left",
    body: "The app is slow; is there a quicker way to check my remaining allowance?",
    answers: ["Dial *123# from your phone and you get a text with what is left."],
  },
  {
    key: "sim-size",
    title: "new SIM card is the wrong size for my phone",
    body: "The SIM that arrived today does not fit my old phone.",
    answers: ["The card breaks out into three sizes: push the smallest one out of the frame."],
  },
  {
    key: "charger",
    title: "my phone charger stopped working",
    body: "The charger that came with the phone gets warm and the battery stays at 20%.",
    answers: ["Chargers are covered by the warranty for a year: ask the shop for a new one."],
  },
  // French.
  {
    key: "fr-facture",
    title: "Ma facture a augmenté de 6 € ce mois-ci",
    body: "Ma facture de mars est plus élevée que d'habitude et je n'ai reçu aucune explication.",
    answers: ["C'est la hausse annuelle des tarifs, annoncée par courriel en janvier."],
  },
  {
    key: "fr-panne",
    title: "Panne de réseau à Nantes depuis hier soir",
    body: "Plus de connexion internet ni de réseau mobile dans tout le quartier depuis hier soir.",
    answers: ["Une panne est en cours dans votre secteur, les techniciens sont sur place."],
  },
  {
    key: "fr-remboursement",
    title: "Remboursement après une coupure de trois jours",
    body: "Suite à la coupure de la semaine dernière, est-ce que je peux être remboursé des jours sans internet ?",
    answers: ["Oui, demandez un geste commercial au service client, ils remboursent au prorata."],
    solved: true,
  },
  {
    key: "fr-mot-de-passe",
    title: "Mot de passe oublié pour l'espace client",
    body: "Je n'arrive plus à me connecter à l'espace client et le lien de réinitialisation n'arrive jamais.",
    answers: ["Regardez dans les courriers indésirables, le lien y arrive souvent."],
    solved: true,
  },
  {
    key: "fr-application",
    title: "L'application se ferme toute seule au démarrage",
    body: "Depuis la mise à jour, l'application plante dès que je l'ouvre sur mon téléphone.",
    answers: ["Désinstallez l'application puis réinstallez-la, ça a réglé le problème chez moi."],
  },
  {
    key: "fr-resiliation",
    title: "Résiliation de mon forfait mobile",
    body: "Je voudrais résilier mon forfait avant la fin de l'engagement, quels sont les frais ?",
    answers: ["Il n'y a aucun frais de résiliation après douze mois."],
  },
  {
    key: "fr-debit",
    title: "Débit très lent le soir sur la fibre",
    body: "Le débit tombe à 10 Mb/s tous les soirs entre 20 h et 23 h, alors que la journée tout va bien.",
    answers: ["Faites un test en filaire pour savoir si c'est le wifi ou la ligne."],
  },
  {
    key: "fr-box-redemarre",
    title: "La box redémarre toute seule la nuit",
    body: "Chaque nuit vers 3 h la box redémarre et coupe internet quelques minutes.",
    answers: ["C'est la fenêtre de mise à jour automatique, on peut la déplacer dans les réglages."],
    solved: true,
  },
  {
    key: "fr-prelevement",
    title: "Prélèvement refusé par ma banque",
    body: "Le prélèvement du mois a été rejeté par ma banque, vais-je avoir des frais de retard ?",
  },
  {
    key: "fr-demenagement",
    title: "Déménagement : transférer ma ligne fibre",
    body: "Je déménage à Rennes le mois prochain, comment garder ma ligne et ma box ?",
  },
  {
    key: "fr-wifi",
    title: "Le Wi-Fi coupe tous les soirs",
    body: "Le wifi de la box se déconnecte chaque soir vers 20 h, les téléphones perdent la connexion.",
  },
  {
    key: "fr-sim",
    title: "Carte SIM bloquée, code PUK demandé",
    body: "Après trois mauvais codes, le téléphone demande le code PUK de ma carte SIM.",
  },
  {
    key: "fr-messagerie",
    title: "Code de la messagerie vocale oublié",
    body: "Je ne me souviens plus du code de ma messagerie vocale, comment le changer ?",
  },
  {
    key: "fr-decodeur",
    title: "Le décodeur TV affiche un écran noir",
    body: "Depuis ce matin le décodeur reste sur un écran noir, la télécommande ne répond plus.",
  },
  {
    key: "fr-itinerance",
    title: "Frais d'itinérance au Maroc pendant les vacances",
    body: "J'ai reçu des frais d'itinérance pour des appels passés au Maroc en août.",
  },
];
