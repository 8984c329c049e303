// The words of the demo's quarter of history (demo-history.ts), in each
// language the demo speaks. Plain data: the same topics, in the same order,
// with as many variants of each in every language, so the generated history
// (who asks what, when, who answers and votes) is the same in English and in
// French and only its words change.
import type { Language } from "../app/i18n/languages";
import type { DemoThread } from "./demo-threads/types";

export type HistoryCategory = DemoThread["category"];

/** A kind of question customers ask again and again: a few ways of asking it and of answering it. */
export type HistoryTopic = {
  category: HistoryCategory;
  tags: string[];
  /** Titles (15–150 characters), each used once before any is used again. */
  titles: string[];
  bodies: string[];
  /** Answers that solve it (the first answer of a thread). */
  answers: string[];
};

export type HistoryArticle = { title: string; category: HistoryCategory; tags: string[]; body: string };

export type HistoryWords = {
  /** The background topics: the same count, in the same order, in every language. */
  topics: HistoryTopic[];
  /** Second answers that fit any question: a reader who had the same and adds a tip. */
  replies: string[];
  /** The rising topic of the last week: the evening Wi-Fi drops after the box's firmware update. */
  burst: {
    category: HistoryCategory;
    tags: string[];
    titles: string[];
    bodies: string[];
    /** The top contributor's workaround, the moderator's "we are on it", a customer's "same here". */
    workaround: string;
    official: string;
    sameHere: string;
  };
  /** What customers type in the search box, in the order of demo-history.ts's weights. */
  searches: string[];
  /** What they type about the rising topic, this week. */
  burstSearches: string[];
  /** Titles that were about to be asked when a thread or article answered them. */
  deflections: string[];
  /** Two official articles from the start of the quarter, whose readers say whether they helped. */
  articles: HistoryArticle[];
  articleNote: string;
  /** What readers who said "no" wrote. */
  unhelpful: string[];
};

/** Every language's history words (see HistoryWords). */
export const HISTORY_WORDS: Record<Language, HistoryWords> = {
  en: {
    topics: [
      {
        category: "billing",
        tags: ["bill", "charges"],
        titles: [
          "Why is my bill higher than last month?",
          "Bill went up by 8 euros without any warning",
          "Unexpected extra charge on this month's bill",
          "my bill does not match the price of my plan",
        ],
        bodies: [
          "My plan is supposed to cost 29.99 a month but this bill says 37.99. I have not changed anything and I did not call abroad. Where does the difference come from?",
          "I just opened this month's bill and it is higher than usual. There is a line in the details I do not recognise. How do I find out what it is?",
        ],
        answers: [
          "Open the bill in the app and tap *See details*: each extra line has its own explanation. Most of the time it is the end of a promotion or a one-off charge for calls to premium numbers. If you cannot explain a line, the chat in the app can cancel it.",
          "Check the *Options* tab of your account: an option added by mistake (a TV pack, extra data) is charged from the next bill. You can remove it there yourself and ask the chat to refund the month.",
        ],
      },
      {
        category: "billing",
        tags: ["refund"],
        titles: [
          "How long does a refund take?",
          "Still waiting for my refund after cancelling an option",
          "refund promised by the chat never arrived",
          "When do I get the money back for the double charge?",
        ],
        bodies: [
          "The chat agreed to refund me three weeks ago and I still see nothing on my bank account. Is that normal, and who do I ask now?",
          "I was charged twice this month and was told I would get the money back. Nobody told me how or when. Does anyone know how long it usually takes?",
        ],
        answers: [
          "Refunds go back on the next bill as a credit line, not to your bank, unless you asked for a bank transfer. The credit shows under *Adjustments*. A transfer takes up to ten working days after it is approved.",
          "In the app, *Help → My requests* lists every refund with its status. If yours says approved and ten days have passed, reply in the same request: it goes straight to the billing team.",
        ],
      },
      {
        category: "billing",
        tags: ["direct-debit", "payment"],
        titles: [
          "Can I pay by card instead of direct debit?",
          "Direct debit failed, what happens now?",
          "Change the bank account used for my direct debit",
          "payment rejected this month, will my line be cut?",
        ],
        bodies: [
          "My bank changed and the direct debit of this month was rejected. I do not want my line to be suspended. What should I do, and will there be a fee?",
          "I would rather pay each bill myself by card than have a direct debit. Is it possible, and where do I change it?",
        ],
        answers: [
          "Nothing is cut straight away: after a rejected payment you have 15 days. Pay the amount by card in the app (*Bills → Pay now*) and the reminder stops. You can change the bank details on the same page for the next months.",
          "Yes: *Account → Payment method* lets you switch between direct debit and card. With the card, the bill is due 10 days after it is issued and you get a reminder by email the day before.",
        ],
      },
      {
        category: "billing",
        tags: ["plan"],
        titles: [
          "Switch to a cheaper plan without a new contract?",
          "Upgrading my plan to more data in the middle of the month",
          "Is there a fee to change plans?",
          "moving from the 100 GB plan to unlimited data",
        ],
        bodies: [
          "I use much less data than I pay for. Can I move to a smaller plan without signing up for another 12 months?",
          "I keep running out of data before the end of the month. If I change plans now, do I pay the difference for the whole month or only from today?",
        ],
        answers: [
          "Changing plans is free and does not restart your commitment. A bigger plan starts at once and the difference is counted from today; a smaller one starts on your next billing date.",
          "Go to *My plan → Change plan* in the app, it shows the price of each plan for you before you confirm. No new contract, no fee, and you can change again next month.",
        ],
      },
      {
        category: "billing",
        tags: ["cancel", "contract"],
        titles: [
          "How do I cancel my contract when I move abroad?",
          "Cancelling the box: what do I have to send back?",
          "notice period to cancel my mobile plan",
          "Cancel before the end of the 12-month commitment",
        ],
        bodies: [
          "I am moving abroad next month and need to cancel everything. Do I pay until the end of my commitment, and what do I need to return?",
          "I want to cancel my plan but I do not understand the notice period in the contract. Is it 10 days or a month?",
        ],
        answers: [
          "The notice is 10 days from your request. A move abroad ends the commitment without fees if you send proof of the new address. Return the box and its power supply with the free label you receive by email.",
          "You can cancel from *Account → Cancel my plan*. Before the end of the commitment you pay a quarter of the remaining months, except for a move abroad or a job loss, which are free.",
        ],
      },
      {
        category: "account",
        tags: ["password", "sign-in"],
        titles: [
          "Locked out after too many password attempts",
          "Password reset email never arrives",
          "Can't sign in to the app any more",
          "How do I change the email address I sign in with?",
        ],
        bodies: [
          "I typed the wrong password a few times and now the app says my account is locked. I asked for a reset link but nothing came, not even in spam.",
          "I cannot sign in to my account any more: the app says the email or password is wrong, but I am sure of my email. What can I do?",
        ],
        answers: [
          "The lock lasts 30 minutes and ends on its own. After that, ask for one reset link only: each new request cancels the previous one, so clicking the first email after asking three times never works.",
          "Reset emails come from no-reply@nimbus.example: add it to your contacts. If you signed up with an old address, the chat can change it after checking your identity.",
        ],
      },
      {
        category: "account",
        tags: ["two-step", "security"],
        titles: [
          "New phone: how do I move my two-step codes?",
          "Turn off two-step verification for a while",
          "Which authenticator app works with Nimbus?",
          "Lost my phone, and my sign-in codes with it",
        ],
        bodies: [
          "I am changing phones next week and my sign-in codes are in an authenticator app on the old one. How do I move them without locking myself out?",
          "My phone was stolen and with it the app that gives me my codes. I have no other way to sign in. Help!",
        ],
        answers: [
          "Before you wipe the old phone, sign in on the website, go to *Security → Two-step verification*, turn it off and on again, and scan the new code with the new phone. Keep the backup codes it shows you on paper.",
          "Any standard authenticator app works. If the phone is gone, use one of your backup codes; without them, the chat can reset it after checking your identity, which takes a day.",
        ],
      },
      {
        category: "account",
        tags: ["address", "account"],
        titles: [
          "Change the address on my account after moving",
          "Change the name on the account after getting married",
          "Add a second person who can manage the account",
          "where do I change my contact phone number?",
        ],
        bodies: [
          "I moved last month and my bills still go to my old address. I cannot find where to change it in the app.",
          "I would like my partner to be able to manage the account too (bills, options). Is there a way without sharing my password?",
        ],
        answers: [
          "*Account → Personal details* has the address, the name and the contact number. A new name needs a document (a few days to check); the address changes at once.",
          "Yes: *Account → People* lets you invite someone as a manager. They get their own sign-in and can see the bills and change options, but not cancel the contract.",
        ],
      },
      {
        category: "devices",
        tags: ["sim", "activation"],
        titles: [
          "New SIM card still says no service",
          "How long does SIM activation take?",
          "Switching to an eSIM on my new phone",
          "Replacement SIM after losing my phone",
        ],
        bodies: [
          "I put the new SIM in yesterday evening and the phone still says no service. Is it not activated yet, or is something wrong with the card?",
          "I want to move my number to an eSIM on my new phone. Do I lose the line while it switches, and how long does it take?",
        ],
        answers: [
          "Activation takes up to 4 hours, sometimes until the next morning for a number transfer. Restart the phone once it is done. If it still says no service after 24 hours, the chat can check the card.",
          "Ask for the eSIM in *My line → SIM card*: you get a QR code by email. The old card stops when the eSIM starts, usually within 15 minutes, so do it at home with Wi-Fi.",
        ],
      },
      {
        category: "devices",
        tags: ["nimbus-box", "lights"],
        titles: [
          "What does the blinking orange light on the box mean?",
          "Box light stays red after a power cut",
          "All the lights on the Nimbus Box are off",
          "white light blinking on the box for an hour",
        ],
        bodies: [
          "Since this morning the light on the front of the Nimbus Box blinks orange and there is no internet. I have restarted it twice.",
          "After a power cut last night, the light on my box stays red. Everything is plugged in as before.",
        ],
        answers: [
          "Orange blinking means the box cannot reach the network: check the fibre cable is clicked in at both ends, then restart once. Red that stays means a fault: a reset with a pin in the back hole for 10 seconds usually fixes it.",
          "White blinking means the box is installing something; leave it alone for up to 20 minutes. Lights all off: try another socket, then the power supply, which is the part that fails most often.",
        ],
      },
      {
        category: "devices",
        tags: ["return", "nimbus-box"],
        titles: [
          "Where do I drop off the old box?",
          "Return label for the equipment never came",
          "Charged for the box I already returned",
          "Do I need to send the power cable back too?",
        ],
        bodies: [
          "I cancelled my contract and I have to return the box. Where do I take it, and do I need the original packaging?",
          "I returned the box a month ago and now my last bill has a charge for unreturned equipment. I have the receipt from the post office.",
        ],
        answers: [
          "Any post office takes it with the free label sent by email (ask the chat to send it again if it never came). No original box needed, but include the power supply: a box without it counts as incomplete.",
          "Send a photo of the post office receipt to the chat: they trace the parcel and cancel the charge. It can take two weeks for the warehouse to scan returns at busy times.",
        ],
      },
      {
        category: "devices",
        tags: ["insurance", "phone"],
        titles: [
          "Cracked screen: does the phone insurance cover it?",
          "How to make a claim on my phone insurance",
          "Is the insurance worth it for a cheap phone?",
          "Insurance claim refused, what can I do?",
        ],
        bodies: [
          "I dropped my phone and the screen is cracked. I took the insurance with the phone last year. What do I need to do to claim?",
          'My insurance claim was refused because of "lack of care". I only dropped the phone once. Can I appeal?',
        ],
        answers: [
          "Cracked screens are covered, with a 49 excess. Declare it in *My phone → Insurance*, with a photo; a courier collects the phone and it comes back repaired within a week.",
          'You can ask for a review within 30 days from the same page. Explain how it happened in a few lines: refusals for "lack of care" are often reversed when the drop was an accident.',
        ],
      },
      {
        category: "network",
        tags: ["fibre", "installation"],
        titles: [
          "Technician never showed up for the fibre installation",
          "How long between the order and the fibre installation?",
          "Can the fibre socket go in another room?",
          "Move my fibre installation appointment",
        ],
        bodies: [
          "I took a day off for the fibre installation and nobody came, no call, no message. What now?",
          "I ordered fibre two weeks ago and I have no appointment yet. How long does it usually take?",
        ],
        answers: [
          "A missed appointment gives you a credit of one month: ask for it in the chat with the date. The next slot is offered in the app within two days; pick an early one, they are kept more reliably.",
          "Usually two to four weeks, depending on the building. The technician can put the socket in another room if a cable can reach it; say so when you book, as it takes longer.",
        ],
      },
      {
        category: "network",
        tags: ["roaming", "abroad"],
        titles: [
          "Mobile data not working abroad",
          "Is roaming included in Switzerland?",
          "Calls abroad charged although roaming is included",
          "How do I turn on roaming before travelling?",
        ],
        bodies: [
          "I just landed in Spain and I can call but there is no mobile data at all. Roaming is on in the phone settings.",
          "I am going to Switzerland for a week. My plan says roaming is included in Europe, but is Switzerland part of it?",
        ],
        answers: [
          "Check the access point name in the phone's mobile network settings: it must be *nimbus*. Then pick a local network by hand; the automatic choice sometimes sticks to a partner that does not carry data.",
          "EU countries are included; Switzerland, the UK and Andorra are not. Add the *Travel pass* option in the app before you leave, it is charged only on the days you use it.",
        ],
      },
      {
        category: "network",
        tags: ["outage"],
        titles: [
          "Is there an outage in my area right now?",
          "No internet since this morning: outage or my box?",
          "How do I know when an outage is fixed?",
          "Compensation after a two-day outage?",
        ],
        bodies: [
          "No internet since this morning, the box lights look normal. How can I check whether there is an outage near me before calling?",
          "We had no internet for two days last week. Is there any compensation, and how do I ask for it?",
        ],
        answers: [
          "The status page in the app shows outages by postcode, and you can ask to be told when yours is fixed. If there is none, restart the box and test with a cable before calling.",
          "Outages over 24 hours give a credit of one day per day lost. It is usually automatic on the next bill; if it is not there, ask in the chat with the dates.",
        ],
      },
      {
        category: "tips",
        tags: ["parental-controls"],
        titles: [
          "Set up parental controls for the kids' tablets",
          "Block some websites only at night",
          "Parental controls on the mobile line",
          "Pause the internet at dinner time",
        ],
        bodies: [
          "My kids have tablets and I would like to block some sites and stop the internet at bedtime. Is there something in the box for that?",
          "Is there a way to pause the internet for the whole family at dinner time without unplugging the box?",
        ],
        answers: [
          "In the app, *Box → Parental controls*: give each child's device a profile, choose the categories to block and a bedtime. It works on the box's network, not on mobile data.",
          "Create a schedule in *Box → Parental controls → Pause*: the devices you choose lose the internet at set times, yours keep it. A button in the app pauses everyone at once too.",
        ],
      },
      {
        category: "tips",
        tags: ["mobile-data"],
        titles: [
          "How can I see which app uses all my data?",
          "Tips to make 20 GB last the whole month",
          "Get a text when I reach 80% of my data",
          "Share my data with my partner's line?",
        ],
        bodies: [
          "I run out of data around the 20th every month and I do not know why. How do I find out what uses it?",
          "Is there a way to be warned before I run out of data, rather than after?",
        ],
        answers: [
          "The phone's settings list data use per app (*Mobile data*). Video apps are usually the culprits: set them to download on Wi-Fi only and lower the streaming quality on mobile.",
          "In *My line → Alerts* you can get a text at 50, 80 and 100%. Lines on the same account can share a pool of data with the *Family* option.",
        ],
      },
      {
        category: "tips",
        tags: ["voicemail"],
        titles: ["Change the voicemail greeting", "Turn voicemail off completely", "Forgot my voicemail PIN", "Get voicemail messages by email?"],
        bodies: [
          "I would like to record my own greeting instead of the robot voice. How do I do that?",
          "I never listen to voicemail. Can I turn it off, or at least get the messages some other way?",
        ],
        answers: [
          "Call 888 from your phone, then 3 for the options: you can record a greeting and change the PIN. A forgotten PIN can be reset in *My line → Voicemail*.",
          "*My line → Voicemail* turns it off, or sends each message as an audio file by email, which is handy if you never call 888.",
        ],
      },
    ],
    replies: [
      "I had exactly this last month. The chat in the app sorted it out in ten minutes, faster than the phone line.",
      "Same here. What fixed it for me was the step above, but it only took effect the next morning.",
      "Worth knowing: the history in *My account* shows every change made to the account, which helped me see what happened.",
      "If the app does not help, phone support can do it too, but ask them for the reference number so you do not have to explain twice.",
      "Thanks for asking, I was about to post the same question. The answer above worked for me too.",
      "One more tip: take a screenshot before you change anything, it makes it easier to explain to support if something goes wrong.",
    ],
    burst: {
      category: "network",
      tags: ["wifi", "firmware"],
      titles: [
        "Wi-Fi drops every evening since the firmware update",
        "Wi-Fi cuts out around 8 pm after firmware 4.2",
        "Wi-Fi disconnects every evening after the firmware update",
        "Firmware 4.2: Wi-Fi keeps dropping in the evening",
        "Evening Wi-Fi drops on the Nimbus Box with firmware 4.2",
        "Wi-Fi lost every evening, wired connection unaffected (firmware 4.2)",
        "After the firmware update my Wi-Fi drops in the evening",
        "Wi-Fi drops between 7 and 11 pm on firmware 4.2",
        "Laptops lose the Wi-Fi every evening after the firmware update",
      ],
      bodies: [
        "Since firmware 4.2 the Wi-Fi drops every evening, roughly from 7 to 11 pm, for a minute or so. Laptops and tablets reconnect by themselves; wired devices are unaffected. The firmware update is the only thing that changed.",
        "Every evening after the firmware update, the Wi-Fi drops again and again. Wired computers keep their connection: only the Wi-Fi drops. My neighbours on firmware 4.2 have it too.",
        "Wi-Fi drops every evening on firmware 4.2, while daytime is perfect. A reboot helps for an hour, then the drops return. Evening video meetings are impossible.",
      ],
      workaround:
        "Same here since 4.2. What helps until Nimbus fixes it: in the box settings, *Wi-Fi → Advanced*, set the 5 GHz channel by hand (36 or 44) instead of *Auto* and turn off *Smart band steering*. The evening drops seem to come from the automatic channel change when the neighbours' networks get busy.",
      official:
        "Thank you for the reports. We can reproduce the evening Wi-Fi drops on boxes with firmware 4.2, and our firmware team is investigating. Until a fix is out, setting the Wi-Fi channel by hand (see the workaround in this thread) avoids most drops. We will post here when we know more.",
      sameHere: "Same problem here since the firmware update, every evening around 9 pm. Following this thread.",
    },
    searches: [
      "bill",
      "refund",
      "direct debit date",
      "change plan",
      "cancel contract",
      "password reset",
      "two-step code",
      "sim activation",
      "box orange light",
      "return box",
      "phone insurance",
      "fibre appointment",
      "roaming",
      "outage",
      "parental controls",
      "mobile data",
      "voicemail",
      "router lights",
      "esim transfer",
      "speed test",
      "smartwatch",
      "fax",
      "satellite dish",
    ],
    burstSearches: ["wifi drops evening", "wifi disconnects every evening", "firmware 4.2 wifi", "wifi drops firmware update", "box firmware wifi"],
    deflections: [
      "why is my bill higher this month",
      "how long does a refund take",
      "direct debit rejected",
      "change to a cheaper plan",
      "new sim no service",
      "orange light on the box",
      "roaming data not working abroad",
      "parental controls tablets",
      "forgot voicemail pin",
      "password reset email not arriving",
    ],
    articles: [
      {
        title: "Read your Nimbus bill line by line",
        category: "billing",
        tags: ["bill"],
        body: [
          "Your bill has three parts. Here is what each one means.",
          "",
          "1. **Your plan**: the monthly price, charged in advance for the coming month.",
          "2. **Usage**: calls, texts and data outside your plan, charged for the month just ended.",
          "3. **Adjustments**: refunds and credits (shown with a minus sign) and one-off charges.",
          "",
          "Changed plan during the month? Both plans appear, each for its own days.",
          "",
          "Something you do not recognise? Tap the line in the app: each one explains where it comes from.",
        ].join("\n"),
      },
      {
        title: "Set up your Nimbus Box in ten minutes",
        category: "devices",
        tags: ["nimbus-box"],
        body: [
          "Everything you need is in the box: the Nimbus Box, its power supply and a fibre cable.",
          "",
          "1. **Plug the fibre cable** into the socket on the wall and into the *Fibre* port of the box. It clicks when it is in.",
          "2. **Plug in the power supply** and press the button on the back.",
          "3. **Wait for the white light** (up to ten minutes the first time: the box installs its latest software).",
          "4. **Connect** to the network written under the box, with the key written beside it.",
          "",
          "The light blinks orange for more than ten minutes? Check the fibre cable, then ask the community.",
        ].join("\n"),
      },
    ],
    articleNote: "First version",
    unhelpful: ["My bill has a line that is not in this list.", "The light on my box stayed orange, this did not help."],
  },
  fr: {
    topics: [
      {
        category: "billing",
        tags: ["facture", "frais"],
        titles: [
          "Pourquoi ma facture est plus chère que le mois dernier ?",
          "Facture en hausse de 8 euros sans prévenir",
          "Des frais en plus sur la facture de ce mois-ci",
          "ma facture ne correspond pas au prix de mon forfait",
        ],
        bodies: [
          "Mon forfait est censé coûter 29,99 € par mois mais cette facture affiche 37,99 €. Je n'ai rien changé et je n'ai pas appelé l'étranger. D'où vient la différence ?",
          "Je viens d'ouvrir la facture du mois et elle est plus élevée que d'habitude. Il y a une ligne que je ne reconnais pas dans le détail. Comment savoir ce que c'est ?",
        ],
        answers: [
          "Ouvrez la facture dans l'appli et touchez *Voir le détail* : chaque ligne en plus a son explication. La plupart du temps, c'est la fin d'une promo ou des appels vers des numéros surtaxés. Si une ligne reste inexpliquée, le chat de l'appli peut l'annuler.",
          "Regardez l'onglet *Options* de votre espace client : une option ajoutée par erreur (bouquet TV, data en plus) est facturée dès la facture suivante. Vous pouvez la retirer vous-même et demander au chat le remboursement du mois.",
        ],
      },
      {
        category: "billing",
        tags: ["remboursement"],
        titles: [
          "Combien de temps prend un remboursement ?",
          "Toujours pas remboursé après avoir résilié une option",
          "le remboursement promis par le chat n'est jamais arrivé",
          "Quand vais-je récupérer l'argent du double prélèvement ?",
        ],
        bodies: [
          "Le chat a accepté de me rembourser il y a trois semaines et je ne vois toujours rien sur mon compte en banque. C'est normal ? Et à qui je m'adresse maintenant ?",
          "J'ai été prélevé deux fois ce mois-ci et on m'a dit que je serais remboursé. Personne ne m'a dit ni comment ni quand. Quelqu'un sait combien de temps ça prend d'habitude ?",
        ],
        answers: [
          "Les remboursements arrivent sur la facture suivante, sous forme d'avoir, pas sur votre compte bancaire, sauf si vous avez demandé un virement. L'avoir apparaît dans *Ajustements*. Un virement prend jusqu'à dix jours ouvrés une fois validé.",
          "Dans l'appli, *Aide → Mes demandes* liste chaque remboursement avec son état. Si le vôtre est validé depuis plus de dix jours, répondez dans la même demande : elle part directement au service facturation.",
        ],
      },
      {
        category: "billing",
        tags: ["prelevement", "paiement"],
        titles: [
          "Payer par carte au lieu du prélèvement, c'est possible ?",
          "Prélèvement rejeté, qu'est-ce qui se passe maintenant ?",
          "Changer le compte bancaire du prélèvement",
          "paiement refusé ce mois-ci, ma ligne va être coupée ?",
        ],
        bodies: [
          "J'ai changé de banque et le prélèvement de ce mois a été rejeté. Je ne veux pas que ma ligne soit suspendue. Je fais quoi, et il y aura des frais ?",
          "Je préférerais payer chaque facture moi-même par carte plutôt que d'être prélevé. C'est possible, et où est-ce que je change ça ?",
        ],
        answers: [
          "Rien n'est coupé tout de suite : après un rejet, vous avez 15 jours. Payez le montant par carte dans l'appli (*Factures → Payer maintenant*) et la relance s'arrête. Vous pouvez changer vos coordonnées bancaires sur la même page pour les mois suivants.",
          "Oui : *Compte → Moyen de paiement* permet de passer du prélèvement à la carte. Avec la carte, la facture est à régler 10 jours après son émission et vous recevez un rappel par e-mail la veille.",
        ],
      },
      {
        category: "billing",
        tags: ["forfait"],
        titles: [
          "Passer à un forfait moins cher sans réengagement ?",
          "Prendre un forfait avec plus de data en milieu de mois",
          "Y a-t-il des frais pour changer de forfait ?",
          "passer du forfait 100 Go à la data illimitée",
        ],
        bodies: [
          "J'utilise beaucoup moins de data que ce que je paie. Je peux passer à un petit forfait sans me réengager pour 12 mois ?",
          "Je suis à court de data avant la fin du mois à chaque fois. Si je change de forfait maintenant, je paie la différence pour tout le mois ou seulement à partir d'aujourd'hui ?",
        ],
        answers: [
          "Changer de forfait est gratuit et ne relance pas l'engagement. Un forfait plus gros démarre tout de suite et la différence est comptée à partir d'aujourd'hui ; un plus petit démarre à votre prochaine date de facturation.",
          "Allez dans *Mon forfait → Changer de forfait* dans l'appli : le prix de chaque forfait pour vous s'affiche avant de valider. Pas de nouveau contrat, pas de frais, et vous pourrez encore changer le mois prochain.",
        ],
      },
      {
        category: "billing",
        tags: ["resiliation", "contrat"],
        titles: [
          "Comment résilier mon contrat quand je pars à l'étranger ?",
          "Résiliation de la box : qu'est-ce que je dois renvoyer ?",
          "préavis pour résilier mon forfait mobile",
          "Résilier avant la fin des 12 mois d'engagement",
        ],
        bodies: [
          "Je pars vivre à l'étranger le mois prochain et je dois tout résilier. Est-ce que je paie jusqu'à la fin de mon engagement, et qu'est-ce que je dois rendre ?",
          "Je veux résilier mon forfait mais je ne comprends pas le préavis dans le contrat. C'est 10 jours ou un mois ?",
        ],
        answers: [
          "Le préavis est de 10 jours à partir de votre demande. Un départ à l'étranger met fin à l'engagement sans frais si vous envoyez un justificatif de la nouvelle adresse. Renvoyez la box et son alimentation avec l'étiquette gratuite reçue par e-mail.",
          "Vous pouvez résilier depuis *Compte → Résilier mon offre*. Avant la fin de l'engagement, vous payez un quart des mois restants, sauf en cas de départ à l'étranger ou de perte d'emploi, qui sont gratuits.",
        ],
      },
      {
        category: "account",
        tags: ["mot-de-passe", "connexion"],
        titles: [
          "Compte bloqué après trop d'essais de mot de passe",
          "L'e-mail pour réinitialiser le mot de passe n'arrive jamais",
          "Impossible de me connecter à l'appli",
          "Comment changer l'adresse e-mail de connexion ?",
        ],
        bodies: [
          "Je me suis trompé de mot de passe plusieurs fois et maintenant l'appli dit que mon compte est bloqué. J'ai demandé un lien de réinitialisation mais rien reçu, même pas dans les spams.",
          "Je n'arrive plus à me connecter à mon espace client : l'appli dit que l'e-mail ou le mot de passe est faux, mais je suis sûre de mon e-mail. Je fais comment ?",
        ],
        answers: [
          "Le blocage dure 30 minutes et se lève tout seul. Ensuite, ne demandez qu'un seul lien : chaque nouvelle demande annule la précédente, donc cliquer sur le premier e-mail après en avoir demandé trois ne marche jamais.",
          "Les e-mails de réinitialisation viennent de no-reply@nimbus.example : ajoutez-le à vos contacts. Si vous vous êtes inscrit avec une ancienne adresse, le chat peut la changer après avoir vérifié votre identité.",
        ],
      },
      {
        category: "account",
        tags: ["double-authentification", "securite"],
        titles: [
          "Nouveau téléphone : comment transférer mes codes de connexion ?",
          "Désactiver la double authentification quelque temps",
          "Quelle appli d'authentification marche avec Nimbus ?",
          "Téléphone perdu, et mes codes de connexion avec",
        ],
        bodies: [
          "Je change de téléphone la semaine prochaine et mes codes de connexion sont dans une appli d'authentification sur l'ancien. Comment les transférer sans me bloquer dehors ?",
          "On m'a volé mon téléphone, et avec lui l'appli qui me donne mes codes. Je n'ai aucun autre moyen de me connecter. À l'aide !",
        ],
        answers: [
          "Avant d'effacer l'ancien téléphone, connectez-vous sur le site, allez dans *Sécurité → Double authentification*, désactivez-la puis réactivez-la, et scannez le nouveau code avec le nouveau téléphone. Gardez sur papier les codes de secours affichés.",
          "N'importe quelle appli d'authentification classique fonctionne. Si le téléphone est perdu, utilisez un de vos codes de secours ; sans eux, le chat peut la réinitialiser après vérification d'identité, ce qui prend une journée.",
        ],
      },
      {
        category: "account",
        tags: ["adresse", "compte"],
        titles: [
          "Changer l'adresse de mon compte après un déménagement",
          "Changer le nom du titulaire après mon mariage",
          "Ajouter une deuxième personne pour gérer le compte",
          "où est-ce qu'on change son numéro de contact ?",
        ],
        bodies: [
          "J'ai déménagé le mois dernier et mes factures arrivent toujours à mon ancienne adresse. Je ne trouve pas où la changer dans l'appli.",
          "J'aimerais que mon conjoint puisse gérer le compte lui aussi (factures, options). Il y a un moyen sans lui donner mon mot de passe ?",
        ],
        answers: [
          "*Compte → Informations personnelles* contient l'adresse, le nom et le numéro de contact. Un nouveau nom demande un justificatif (quelques jours de vérification) ; l'adresse change tout de suite.",
          "Oui : *Compte → Personnes* permet d'inviter quelqu'un comme gestionnaire. Il a sa propre connexion et peut voir les factures et changer les options, mais pas résilier le contrat.",
        ],
      },
      {
        category: "devices",
        tags: ["sim", "activation"],
        titles: [
          "Nouvelle carte SIM toujours sans service",
          "Combien de temps prend l'activation de la SIM ?",
          "Passer à l'eSIM sur mon nouveau téléphone",
          "SIM de remplacement après la perte de mon téléphone",
        ],
        bodies: [
          "J'ai mis la nouvelle SIM hier soir et le téléphone affiche toujours « aucun service ». Elle n'est pas encore activée, ou la carte a un souci ?",
          "Je veux passer mon numéro sur une eSIM avec mon nouveau téléphone. Est-ce que je perds la ligne pendant le changement, et ça prend combien de temps ?",
        ],
        answers: [
          "L'activation prend jusqu'à 4 heures, parfois jusqu'au lendemain matin en cas de portabilité. Redémarrez le téléphone une fois que c'est fait. Si c'est toujours « aucun service » au bout de 24 heures, le chat peut vérifier la carte.",
          "Demandez l'eSIM dans *Ma ligne → Carte SIM* : vous recevez un QR code par e-mail. L'ancienne carte s'arrête quand l'eSIM démarre, en général en moins de 15 minutes, donc faites-le chez vous avec du wifi.",
        ],
      },
      {
        category: "devices",
        tags: ["nimbus-box", "voyants"],
        titles: [
          "Que veut dire le voyant orange qui clignote sur la box ?",
          "Le voyant de la box reste rouge après une coupure de courant",
          "Tous les voyants de la Nimbus Box sont éteints",
          "voyant blanc qui clignote sur la box depuis une heure",
        ],
        bodies: [
          "Ce matin, le voyant en façade de la Nimbus Box s'est mis à clignoter orange et il n'y a plus internet. Je l'ai redémarrée deux fois.",
          "Après une coupure de courant cette nuit, le voyant de ma box reste rouge. Tout est branché comme avant.",
        ],
        answers: [
          "Orange qui clignote : la box n'arrive pas à joindre le réseau. Vérifiez que le câble fibre est bien enclenché aux deux bouts, puis redémarrez une fois. Rouge fixe : un défaut, qu'une réinitialisation avec une pointe dans le trou à l'arrière pendant 10 secondes corrige en général.",
          "Blanc qui clignote : la box installe quelque chose, laissez-la tranquille jusqu'à 20 minutes. Tout éteint : essayez une autre prise, puis l'alimentation, c'est la pièce qui lâche le plus souvent.",
        ],
      },
      {
        category: "devices",
        tags: ["retour", "nimbus-box"],
        titles: [
          "Où déposer l'ancienne box ?",
          "L'étiquette de retour du matériel n'est jamais arrivée",
          "Facturé pour la box que j'ai déjà renvoyée",
          "Faut-il aussi renvoyer le câble d'alimentation ?",
        ],
        bodies: [
          "J'ai résilié mon contrat et je dois rendre la box. Où est-ce que je la dépose, et il faut le carton d'origine ?",
          "J'ai renvoyé la box il y a un mois et ma dernière facture contient des frais pour matériel non restitué. J'ai le reçu de La Poste.",
        ],
        answers: [
          "N'importe quel bureau de poste la prend avec l'étiquette gratuite envoyée par e-mail (demandez au chat de la renvoyer si elle n'est jamais arrivée). Pas besoin du carton d'origine, mais mettez l'alimentation : une box sans elle compte comme incomplète.",
          "Envoyez une photo du reçu de La Poste au chat : ils retrouvent le colis et annulent les frais. En période chargée, l'entrepôt peut mettre deux semaines à enregistrer les retours.",
        ],
      },
      {
        category: "devices",
        tags: ["assurance", "telephone"],
        titles: [
          "Écran fissuré : l'assurance mobile le couvre ?",
          "Comment déclarer un sinistre à l'assurance mobile",
          "L'assurance vaut-elle le coup pour un téléphone pas cher ?",
          "Sinistre refusé par l'assurance, que faire ?",
        ],
        bodies: [
          "J'ai fait tomber mon téléphone et l'écran est fissuré. J'ai pris l'assurance avec le téléphone l'an dernier. Qu'est-ce que je dois faire pour être pris en charge ?",
          "Ma déclaration de sinistre a été refusée pour « défaut de soin ». Je n'ai fait tomber le téléphone qu'une fois. Je peux contester ?",
        ],
        answers: [
          "Les écrans fissurés sont couverts, avec une franchise de 49 €. Déclarez-le dans *Mon téléphone → Assurance*, avec une photo ; un coursier récupère le téléphone et il revient réparé en une semaine.",
          "Vous pouvez demander un réexamen sous 30 jours depuis la même page. Expliquez en quelques lignes comment c'est arrivé : les refus pour « défaut de soin » sont souvent annulés quand la chute était accidentelle.",
        ],
      },
      {
        category: "network",
        tags: ["fibre", "installation"],
        titles: [
          "Le technicien n'est jamais venu pour l'installation de la fibre",
          "Combien de temps entre la commande et l'installation de la fibre ?",
          "La prise fibre peut-elle aller dans une autre pièce ?",
          "Déplacer mon rendez-vous d'installation de la fibre",
        ],
        bodies: [
          "J'ai posé une journée pour l'installation de la fibre et personne n'est venu, ni appel ni message. Et maintenant ?",
          "J'ai commandé la fibre il y a deux semaines et je n'ai toujours pas de rendez-vous. Ça prend combien de temps d'habitude ?",
        ],
        answers: [
          "Un rendez-vous manqué donne droit à un mois offert : demandez-le au chat avec la date. Le prochain créneau vous est proposé dans l'appli sous deux jours ; prenez-en un tôt le matin, ils sont mieux tenus.",
          "En général deux à quatre semaines, selon l'immeuble. Le technicien peut poser la prise dans une autre pièce si un câble peut y arriver ; dites-le en réservant, ça prend plus de temps.",
        ],
      },
      {
        category: "network",
        tags: ["itinerance", "etranger"],
        titles: [
          "Pas de données mobiles à l'étranger",
          "L'itinérance est-elle incluse en Suisse ?",
          "Appels facturés à l'étranger alors que l'itinérance est incluse",
          "Comment activer l'itinérance avant de partir en voyage ?",
        ],
        bodies: [
          "Je viens d'atterrir en Espagne, je peux appeler mais aucune donnée mobile. L'itinérance est activée dans les réglages du téléphone.",
          "Je pars une semaine en Suisse. Mon forfait dit que l'itinérance est incluse en Europe, mais la Suisse en fait partie ?",
        ],
        answers: [
          "Vérifiez le nom du point d'accès dans les réglages réseau du téléphone : il doit être *nimbus*. Puis choisissez un réseau local à la main ; le choix automatique reste parfois sur un partenaire qui ne transporte pas les données.",
          "Les pays de l'UE sont inclus ; la Suisse, le Royaume-Uni et Andorre non. Ajoutez l'option *Pass voyage* dans l'appli avant de partir, elle n'est facturée que les jours où vous l'utilisez.",
        ],
      },
      {
        category: "network",
        tags: ["panne"],
        titles: [
          "Y a-t-il une panne dans mon quartier en ce moment ?",
          "Plus d'internet ce matin : panne ou problème de box ?",
          "Comment savoir quand une panne est réparée ?",
          "Un dédommagement après deux jours de panne ?",
        ],
        bodies: [
          "Plus d'internet ce matin, les voyants de la box ont l'air normaux. Comment vérifier s'il y a une panne près de chez moi avant d'appeler ?",
          "On a eu deux jours sans internet la semaine dernière. Y a-t-il un dédommagement, et comment le demander ?",
        ],
        answers: [
          "La page d'état du réseau dans l'appli montre les pannes par code postal, et vous pouvez demander à être prévenu quand la vôtre est réparée. S'il n'y en a pas, redémarrez la box et testez avec un câble avant d'appeler.",
          "Une panne de plus de 24 heures donne droit à un avoir d'un jour par jour perdu. C'est en général automatique sur la facture suivante ; sinon, demandez-le au chat avec les dates.",
        ],
      },
      {
        category: "tips",
        tags: ["controle-parental"],
        titles: [
          "Configurer le contrôle parental pour les tablettes des enfants",
          "Bloquer certains sites seulement la nuit",
          "Contrôle parental sur la ligne mobile",
          "Couper internet pendant le dîner",
        ],
        bodies: [
          "Mes enfants ont des tablettes et j'aimerais bloquer certains sites et couper internet à l'heure du coucher. Il y a quelque chose dans la box pour ça ?",
          "Il y a un moyen de mettre internet en pause pour toute la famille pendant le dîner sans débrancher la box ?",
        ],
        answers: [
          "Dans l'appli, *Box → Contrôle parental* : donnez un profil à l'appareil de chaque enfant, choisissez les catégories à bloquer et une heure de coucher. Ça marche sur le réseau de la box, pas sur les données mobiles.",
          "Créez un horaire dans *Box → Contrôle parental → Pause* : les appareils choisis perdent internet aux heures fixées, les vôtres le gardent. Un bouton de l'appli met aussi tout le monde en pause d'un coup.",
        ],
      },
      {
        category: "tips",
        tags: ["donnees-mobiles"],
        titles: [
          "Comment voir quelle appli consomme toute ma data ?",
          "Astuces pour faire durer 20 Go tout le mois",
          "Recevoir un SMS quand j'atteins 80 % de ma data",
          "Partager ma data avec la ligne de mon conjoint ?",
        ],
        bodies: [
          "Je suis à court de data vers le 20 de chaque mois et je ne sais pas pourquoi. Comment savoir ce qui la consomme ?",
          "Il y a un moyen d'être prévenu avant d'épuiser ma data, plutôt qu'après ?",
        ],
        answers: [
          "Les réglages du téléphone listent la consommation par appli (*Données mobiles*). Les applis vidéo sont en général les coupables : réglez-les pour télécharger en wifi seulement et baissez la qualité en mobile.",
          "Dans *Ma ligne → Alertes*, vous pouvez recevoir un SMS à 50, 80 et 100 %. Les lignes d'un même compte peuvent partager une réserve de data avec l'option *Famille*.",
        ],
      },
      {
        category: "tips",
        tags: ["repondeur"],
        titles: [
          "Changer l'annonce du répondeur",
          "Désactiver complètement le répondeur",
          "Code du répondeur oublié",
          "Recevoir les messages du répondeur par e-mail ?",
        ],
        bodies: [
          "J'aimerais enregistrer ma propre annonce au lieu de la voix de robot. Comment on fait ?",
          "Je n'écoute jamais mon répondeur. Je peux le désactiver, ou au moins recevoir les messages autrement ?",
        ],
        answers: [
          "Appelez le 888 depuis votre téléphone, puis le 3 pour les options : vous pouvez enregistrer une annonce et changer le code. Un code oublié se réinitialise dans *Ma ligne → Répondeur*.",
          "*Ma ligne → Répondeur* permet de le désactiver, ou d'envoyer chaque message en fichier audio par e-mail, pratique si vous n'appelez jamais le 888.",
        ],
      },
    ],
    replies: [
      "J'ai eu exactement ça le mois dernier. Le chat de l'appli a réglé ça en dix minutes, plus vite qu'au téléphone.",
      "Pareil pour moi. C'est l'étape ci-dessus qui a marché, mais ça n'a pris effet que le lendemain matin.",
      "Bon à savoir : l'historique dans *Mon compte* montre chaque changement fait sur le compte, ça m'a aidée à comprendre ce qui s'était passé.",
      "Si l'appli ne suffit pas, le service client au téléphone peut le faire aussi, mais demandez-leur le numéro de dossier pour ne pas tout réexpliquer.",
      "Merci d'avoir posé la question, j'allais poster la même. La réponse au-dessus a marché pour moi aussi.",
      "Encore une astuce : faites une capture d'écran avant de changer quoi que ce soit, c'est plus simple à expliquer au service client si ça tourne mal.",
    ],
    burst: {
      category: "network",
      tags: ["wifi", "firmware"],
      titles: [
        "Le wifi coupe tous les soirs depuis la mise à jour",
        "Le wifi saute vers 20 h avec le firmware 4.2",
        "Wifi qui se déconnecte tous les soirs avec le nouveau firmware de la box",
        "Firmware 4.2 : le wifi n'arrête pas de couper le soir",
        "Coupures wifi le soir sur la Nimbus Box avec le firmware 4.2",
        "Plus de wifi chaque soir, le filaire n'est pas touché (firmware 4.2)",
        "Après le passage au firmware 4.2, mon wifi coupe le soir",
        "Le wifi coupe entre 19 h et 23 h avec le firmware 4.2",
        "Les ordis portables perdent le wifi tous les soirs avec la 4.2",
      ],
      bodies: [
        "Avec le firmware 4.2, le wifi coupe tous les soirs, de 19 h à 23 h, pendant une minute. Les ordis portables et les tablettes se reconnectent tout seuls ; les appareils en filaire ne sont pas touchés. Le firmware est la seule chose qui a changé.",
        "Tous les soirs, avec le firmware 4.2, le wifi coupe encore et encore. Les ordis en filaire gardent leur connexion : seul le wifi coupe. Mes voisins en firmware 4.2 ont aussi ce souci.",
        "Le wifi coupe tous les soirs avec le firmware 4.2, alors qu'en journée c'est parfait. Un redémarrage aide une heure, puis les coupures reviennent. Les visios du soir sont impossibles.",
      ],
      workaround:
        "Pareil depuis la 4.2. Ce qui aide en attendant le correctif de Nimbus : dans les réglages de la box, *Wi-Fi → Avancé*, fixez le canal 5 GHz à la main (36 ou 44) au lieu de *Auto* et désactivez *Répartition intelligente des bandes*. Les coupures du soir semblent venir du changement de canal automatique quand les réseaux des voisins sont chargés.",
      official:
        "Merci pour vos signalements. Nous reproduisons les coupures wifi du soir sur les box en firmware 4.2, et notre équipe firmware enquête. En attendant un correctif, fixer le canal wifi à la main (voir l'astuce dans ce fil) évite la plupart des coupures. Nous reviendrons ici dès que nous en saurons plus.",
      sameHere: "Même problème ici depuis la mise à jour du firmware, tous les soirs vers 21 h. Je suis ce fil.",
    },
    searches: [
      "facture",
      "remboursement",
      "date prelevement",
      "changer de forfait",
      "resilier contrat",
      "mot de passe oublie",
      "code double authentification",
      "activation sim",
      "voyant orange box",
      "retour box",
      "assurance mobile",
      "rendez-vous fibre",
      "itinerance",
      "panne",
      "controle parental",
      "donnees mobiles",
      "repondeur",
      "voyant box",
      "transfert esim",
      "test debit",
      "smartwatch",
      "fax",
      "parabole satellite",
    ],
    burstSearches: ["wifi coupe le soir", "wifi deconnexion tous les soirs", "firmware 4.2 wifi", "wifi coupe mise a jour", "box firmware wifi"],
    deflections: [
      "pourquoi ma facture est plus chère ce mois-ci",
      "combien de temps pour un remboursement",
      "prélèvement rejeté",
      "passer à un forfait moins cher",
      "nouvelle sim sans service",
      "voyant orange sur la box",
      "pas de données mobiles à l'étranger",
      "contrôle parental tablettes",
      "code répondeur oublié",
      "e-mail de réinitialisation du mot de passe pas reçu",
    ],
    articles: [
      {
        title: "Lire votre facture Nimbus ligne par ligne",
        category: "billing",
        tags: ["facture"],
        body: [
          "Votre facture a trois parties. Voici ce que chacune veut dire.",
          "",
          "1. **Votre forfait** : le prix mensuel, facturé d'avance pour le mois qui vient.",
          "2. **Consommations** : appels, SMS et data hors forfait, facturés pour le mois qui vient de se terminer.",
          "3. **Ajustements** : remboursements et avoirs (avec un signe moins) et frais ponctuels.",
          "",
          "Vous avez changé de forfait en cours de mois ? Les deux forfaits apparaissent, chacun pour ses jours.",
          "",
          "Une ligne que vous ne reconnaissez pas ? Touchez-la dans l'appli : chacune explique d'où elle vient.",
        ].join("\n"),
      },
      {
        title: "Installer votre Nimbus Box en dix minutes",
        category: "devices",
        tags: ["nimbus-box"],
        body: [
          "Tout ce qu'il vous faut est dans le carton : la Nimbus Box, son alimentation et un câble fibre.",
          "",
          "1. **Branchez le câble fibre** sur la prise murale et sur le port *Fibre* de la box. Il fait clic quand il est en place.",
          "2. **Branchez l'alimentation** et appuyez sur le bouton à l'arrière.",
          "3. **Attendez le voyant blanc** (jusqu'à dix minutes la première fois : la box installe son dernier logiciel).",
          "4. **Connectez-vous** au réseau indiqué sous la box, avec la clé écrite à côté.",
          "",
          "Le voyant clignote orange depuis plus de dix minutes ? Vérifiez le câble fibre, puis demandez à la communauté.",
        ].join("\n"),
      },
    ],
    articleNote: "Première version",
    unhelpful: ["Ma facture a une ligne qui n'est pas dans cette liste.", "Le voyant de ma box est resté orange, ça ne m'a pas aidé."],
  },
};
