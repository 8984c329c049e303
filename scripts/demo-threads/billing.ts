// Demo conversations in Billing.
import type { DemoThread } from "./types";

export const BILLING_THREADS: DemoThread[] = [
  {
    key: "bill-wrong",
    category: "billing",
    author: "sam",
    title: "my bill is wrong this month",
    body: `Usually I pay €39.99 for fibre + mobile, this month it's **€64.98**. There's a line called "Out-of-bundle usage – €24.99" and I have no idea what that is. I didnt make any weird calls??

Anyone had this before? Don't want to pay for something i didn't use`,
    tags: ["invoice", "out-of-bundle"],
    daysAgo: 3.5,
    upvotes: ["lena_k", "tomasz", "jules"],
    comments: [{ author: "tomasz", body: "did you check the detailed list in the app? mine was a premium SMS once" }],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2.5,
        accepted: true,
        body: `A round amount like €24.99 under "out-of-bundle" is almost never calls — it's usually a **third-party purchase** charged to your phone bill (carrier billing): a game, a streaming subscription, an app store purchase made "pay with my phone bill".

To find out and stop it:

1. In the Nimbus app open **Bills → this month → See details**.
2. Scroll to **Third-party services**. You'll see the merchant name and the date.
3. If you don't recognise it, tap it and choose **Dispute this charge** — the amount is put on hold while it's checked.
4. To stop it happening again: **Account → Security → Third-party purchases → Off**.

More about it in the help centre: [www.nimbus.example/kb/third-party-billing](https://www.nimbus.example/kb/third-party-billing).`,
        upvotes: ["sam", "lena_k", "tomasz", "jules", "amara", "kwame", "morgan", "nora"],
        comments: [
          { author: "sam", body: "found it. a game subscription my nephew bought on my phone at christmas 🙄 blocked it now, thanks!" },
          {
            author: "morgan",
            body: "Glad it's sorted @sam. If it was bought without your consent, mention it in the dispute form and the billing team can look at a goodwill credit.",
          },
        ],
      },
      {
        author: "tomasz",
        hoursAfterQuestion: 5,
        body: "Had the same once, it was a premium SMS from a quiz app I signed up for by accident. Check the third-party section of the bill.",
        upvotes: ["sam"],
      },
    ],
  },
  {
    key: "charged-twice",
    category: "billing",
    author: "beatriz",
    title: "charged twice for the same month",
    body: `Got the "payment due" reminder email on the 1st so I paid by card in the app (€45.00). Then on the 3rd the direct debit took **another €45.00** from my bank. So €90 gone for one month.

Who do I contact to get it back? There's no phone number for billing in the app that I can see.`,
    tags: ["refund", "direct-debit", "invoice"],
    daysAgo: 6,
    upvotes: ["amara", "nora"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 1,
        body: "Same thing happened to me in January, it just showed up as credit on the next bill so I paid nothing the month after.",
        upvotes: ["beatriz"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Hi Beatriz, Morgan from the Nimbus community team — sorry about this.

What happened: the reminder went out before the direct debit was collected, so both payments went through. Your account is now **€45.00 in credit**. You have two options:

- **Keep it as credit**: your next bill will be €0.
- **Get it refunded to your card**: app → **Billing → Balance → Request refund**. It takes 5–7 working days.

I've also passed the reminder timing on to the billing team, since it shouldn't be sent to customers paying by direct debit.`,
        upvotes: ["beatriz", "amara", "priya", "nora", "kwame"],
        comments: [{ author: "beatriz", body: "Refund requested, money was back on my card on Thursday. Thanks Morgan!" }],
      },
    ],
  },
  {
    key: "roaming-spain",
    category: "billing",
    author: "kwame",
    title: "roaming charges in Spain?",
    body: `Going to Valencia for 2 weeks in August with my Nimbus Mobile 20GB plan. Do i need to buy a roaming pass or does it just work?

Last time I was in Switzerland I got a €38 surprise on my bill so I'm a bit paranoid lol`,
    tags: ["roaming", "mobile-data", "travel"],
    daysAgo: 12,
    upvotes: ["jules", "dev_ollie", "sam", "amara"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.5,
        accepted: true,
        body: `Spain is in the EU, so it's **roam like at home**: calls, texts and data come out of your normal allowance with no extra cost. Switzerland isn't in the EU, which explains your €38.

| Where you are | Calls & SMS | Data | Extra cost |
|---|---|---|---|
| Spain & rest of EU/EEA | from your plan | from your plan (fair-use cap) | none |
| Switzerland, UK, Andorra | pay per use | pay per MB or day pass | yes |
| Ships, planes | satellite networks | satellite networks | expensive |

A few things to check before you go:

1. **Fair-use cap**: on the 20GB plan part of it is usable abroad — the exact figure is in the app under **Plan → Roaming**.
2. Turn on **Data roaming** in your phone settings, otherwise you'll have no data at all.
3. Calls *from home to a Spanish number* are international calls and not included — but calling Spanish numbers while you're in Spain is.

You'll get a welcome SMS when you land confirming the rates.`,
        upvotes: ["kwame", "jules", "dev_ollie", "sam", "amara", "morgan", "lena_k", "beatriz", "nora", "tomasz"],
        comments: [{ author: "kwame", body: "great, the switzerland thing explains a lot. thanks!" }],
      },
      {
        author: "jules",
        hoursAfterQuestion: 4,
        body: "Was in Barcelona in May, worked exactly like at home. Only thing: on the ferry to Ibiza the phone switched to a maritime network for a while. Turn data off on boats!",
        upvotes: ["kwame", "priya", "amara"],
        comments: [{ author: "priya", body: "Good shout: ships and planes use satellite networks that are never included in any plan." }],
      },
    ],
  },
  {
    key: "price-rise",
    category: "billing",
    author: "tomasz",
    title: "why did my price go up by €3 in March??",
    body: `Got an email saying my fibre goes from €34.99 to €37.99 from next month. I signed a 24-month contract last year, i thought the price was fixed??

Is this even allowed?`,
    tags: ["price-change", "contract"],
    daysAgo: 20,
    upvotes: ["sam", "jules", "nora", "kwame", "beatriz"],
    comments: [
      { author: "jules", body: "same email here, €2 more for me on mobile" },
      { author: "nora", body: "annoying but I think it's in the T&Cs somewhere" },
    ],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 6,
        body: `Hi Tomasz. The yearly price review is described in section 7 of the contract terms: once a year, in April, prices may change by the amount announced when you signed up. When a change goes beyond what the contract says, you can cancel without fees within one month of the notice.

All the details are at [www.nimbus.example/kb/price-changes](https://www.nimbus.example/kb/price-changes). If you'd like, I can ask the loyalty team to review your plan — send me a private message.`,
        upvotes: ["nora", "priya"],
        downvotes: ["tomasz", "jules"],
      },
      {
        author: "priya",
        hoursAfterQuestion: 9,
        body: "Worth calling the loyalty team rather than just accepting it. In my experience, if you mention a competitor's current offer they'll often match it or move you to a newer plan with more speed for the same money. Newer plans also tend to have the price increase fixed in advance, which is easier to budget for.",
        upvotes: ["tomasz", "jules", "sam", "kwame"],
        comments: [{ author: "tomasz", body: "ok i'll try calling them, will report back" }],
      },
    ],
  },
  {
    key: "direct-debit-date",
    category: "billing",
    author: "amara",
    title: "can I change my direct debit date to the 15th",
    body: "I get paid on the 12th so having the direct debit on the 1st is a pain every month. Is it possible to move it? couldn't find it anywhere in the app",
    tags: ["direct-debit"],
    daysAgo: 25,
    upvotes: ["beatriz"],
    answers: [
      {
        author: "nora",
        hoursAfterQuestion: 8,
        accepted: true,
        body: `Yes! App → **Billing → Payment method → Collection date**. You can pick the 1st, 8th, 15th or 22nd.

The first bill after the change is prorated, so it may be a bit bigger or smaller than usual.`,
        upvotes: ["amara", "beatriz", "priya", "kwame"],
        comments: [
          { author: "amara", body: "found it, thank you! it was hidden under the card details" },
          { author: "morgan", body: "Thanks @nora! Small addition: the date can be changed once every 6 months." },
        ],
      },
    ],
  },
  {
    key: "equipment-fee",
    category: "billing",
    author: "jules",
    title: "final bill after cancelling still shows equipment fee €49",
    body: `I moved in with my partner and cancelled my fibre last month. The final invoice has "Unreturned equipment – €49.00".

I DID return the box, dropped it at the post office with the prepaid label on the 4th. I have the receipt with a tracking number. What now?`,
    tags: ["invoice", "cancellation", "nimbus-box"],
    daysAgo: 15,
    upvotes: ["sam", "lena_k"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 2,
        body: "keep that receipt safe!! they lost my return once and the receipt was the only thing that got the fee removed",
        upvotes: ["jules"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 5,
        accepted: true,
        body: `Hi Jules — returns can take up to 10 working days to be scanned at the warehouse, and the final bill is sometimes generated before that. Here's what to do:

1. Don't pay the €49 line. It won't go to collections while a return is being checked.
2. Send the tracking number from your receipt through [www.nimbus.example/contact](https://www.nimbus.example/contact), topic **Equipment return**.
3. Once the scan is matched to your account, the fee is cancelled and a corrected invoice is issued automatically.

I checked with the returns team: your parcel arrived on the 9th, so the correction should show within a few days.`,
        upvotes: ["jules", "sam", "priya", "lena_k", "beatriz"],
        comments: [{ author: "jules", body: "corrected invoice arrived today, €0. cheers" }],
      },
    ],
  },
  {
    key: "invoice-pdf-blank",
    category: "billing",
    author: "dev_ollie",
    title: "invoice PDF download just gives a blank page",
    body: `Trying to download my March invoice for an expenses claim (work from home allowance). Web account → Bills → **Download PDF** opens a new tab that's completely white.

Tried Firefox and Chrome, private window too. The app version works but I need it on my laptop. Anyone else?`,
    tags: ["invoice", "pdf", "website"],
    daysAgo: 0.6,
    upvotes: ["sam"],
    comments: [{ author: "kwame", body: "same for me on Chrome, the February one downloads fine though" }],
    answers: [],
  },
  {
    key: "student-family-discount",
    category: "billing",
    author: "nora",
    title: "is the student discount stackable with the family bundle?",
    body: `My daughter starts uni in September and I'd like to move her onto her own SIM but keep it in our family bundle (-€5 per line).

The student discount is 20% — can you have both, or is it one or the other? website doesnt say`,
    tags: ["discount", "family-plan"],
    daysAgo: 40,
    upvotes: ["amara", "beatriz"],
    answers: [
      {
        author: "amara",
        hoursAfterQuestion: 20,
        body: "I asked in a shop last year: the family bundle discount and the student discount don't stack, you get whichever is bigger. For us the 20% was better on the 50GB plan but worse on the small 10GB one, so do the maths per plan.",
        upvotes: ["nora", "beatriz"],
        comments: [{ author: "nora", body: "hm ok, will do the maths. thanks" }],
      },
    ],
  },

];
