// The demo conversations of the Nimbus Telecom community: the extra members,
// and the questions, answers, comments and votes the seed writes for them.
// Plain data, no imports: the seeding code turns it into users, posts and votes.

export type DemoAuthor = string; // a username from DEMO_MEMBERS or one of: "sam", "priya", "morgan", "alex"
export type DemoComment = { author: DemoAuthor; body: string };
export type DemoAnswer = {
  author: DemoAuthor;
  body: string; // markdown
  accepted?: boolean; // at most one per thread; only where the asker would really accept it
  upvotes?: DemoAuthor[]; // who upvoted (never the answer's own author; no duplicates)
  downvotes?: DemoAuthor[];
  comments?: DemoComment[];
  hoursAfterQuestion: number; // when it was posted, relative to the question
};
export type DemoThread = {
  category: "billing" | "account" | "devices" | "network" | "tips";
  author: DemoAuthor; // the asker
  title: string; // 15–150 characters
  body: string; // markdown, 20–2000 characters
  tags: string[]; // 0–5 tags; lower-case letters, digits and "-", ≤ 25 chars each
  daysAgo: number; // when the question was asked (0.1 – 60)
  upvotes?: DemoAuthor[]; // votes on the question (never its author)
  comments?: DemoComment[]; // comments on the question
  answers: DemoAnswer[];
};

export const DEMO_MEMBERS: { username: string; displayName: string; bio: string }[] = [
  { username: "lena_k", displayName: "Lena Kowalski", bio: "Freelance translator, works from a basement studio with surprisingly good Wi-Fi." },
  { username: "tomasz", displayName: "Tomasz Wójcik", bio: "Nimbus fibre since 2021. I read the small print so you don't have to." },
  { username: "jules", displayName: "Jules Bernard", bio: "Moved house twice in two years; I know the equipment-return process by heart." },
  { username: "amara", displayName: "Amara Okafor", bio: "Nurse on night shifts, home NAS enthusiast, owner of one very loud cat." },
  { username: "dev_ollie", displayName: "Ollie Devereux", bio: "Software developer. Will run a traceroute before asking for help." },
  { username: "nora", displayName: "Nora Lindqvist", bio: "Mum of two, family plan veteran, learning router settings one thread at a time." },
  { username: "kwame", displayName: "Kwame Mensah", bio: "Runs a small Minecraft server for friends and travels whenever he can." },
  { username: "beatriz", displayName: "Beatriz Santos", bio: "Architect. Famous on this forum for the microwave thread." },
];

const FENCE = "```";

export const DEMO_THREADS: DemoThread[] = [
  // ───────────────────────────── Billing ─────────────────────────────
  {
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

More about it in the help centre: [/kb/third-party-billing](https://www.nimbus.example/kb/third-party-billing).`,
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

All the details are at [/kb/price-changes](https://www.nimbus.example/kb/price-changes). If you'd like, I can ask the loyalty team to review your plan — send me a private message.`,
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
2. Send the tracking number from your receipt through [/contact](https://www.nimbus.example/contact), topic **Equipment return**.
3. Once the scan is matched to your account, the fee is cancelled and a corrected invoice is issued automatically.

I checked with the returns team: your parcel arrived on the 9th, so the correction should show within a few days.`,
        upvotes: ["jules", "sam", "priya", "lena_k", "beatriz"],
        comments: [{ author: "jules", body: "corrected invoice arrived today, €0. cheers" }],
      },
    ],
  },
  {
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

  // ───────────────────────────── Account ─────────────────────────────
  {
    category: "account",
    author: "lena_k",
    title: "2FA code never arrives",
    body: `Trying to log in on the website, it says "We sent a 6-digit code to +33 •• •• •• 47" but nothing arrives. Waited 10 min, pressed resend 3 times, now it says:

> Too many attempts. Try again in 30 minutes.

Phone has signal, other SMS work fine. Help, I need to pay a bill today`,
    tags: ["2fa", "sign-in", "sms"],
    daysAgo: 9,
    upvotes: ["sam", "jules", "kwame", "tomasz", "dev_ollie", "amara"],
    comments: [
      { author: "dev_ollie", body: "same here since this morning" },
      { author: "morgan", body: "Thanks for the reports, we're checking with our SMS provider now." },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.2,
        accepted: true,
        body: `A few things to go through, in this order:

1. **Wait out the 30-minute lock** without pressing resend — every new attempt restarts the timer.
2. **Check spam filtering.** Codes come from the sender **NIMBUS**, and some phones file it as spam:
   - Android (Google Messages): *Menu → Spam & blocked*
   - iPhone: *Messages → Filters → Unknown senders*
3. **Dual-SIM phones**: make sure the Nimbus line is enabled for SMS, not just data.
4. **Check for incidents** on https://status.nimbus.example — SMS delivery problems are listed there.
5. If you set up backup codes, use **"Use a backup code"** on the code screen.

Long term, switch to an **authenticator app**: *Account → Security → Two-step verification → Authenticator app*. The codes are generated on your phone, so they work without signal and can't be delayed or intercepted.`,
        upvotes: ["lena_k", "sam", "jules", "kwame", "tomasz", "dev_ollie", "amara", "morgan", "alex", "nora", "beatriz"],
        comments: [
          {
            author: "lena_k",
            body: "it was in the spam folder!!! Google Messages had flagged NIMBUS as spam. switched to the authenticator app now, thanks Priya",
          },
        ],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        body: "Update: one of our SMS routes was delayed between 08:00 and 11:30 this morning; it's fixed now and codes are arriving normally. Incidents like this are posted on https://status.nimbus.example.",
        upvotes: ["lena_k", "dev_ollie", "jules"],
      },
    ],
  },
  {
    category: "account",
    author: "sam",
    title: "forgot my password and the reset email goes to an old address",
    body: "The reset link goes to my old work email which I can't access anymore (left that job in 2022). How do I prove it's me and change the email on the account?",
    tags: ["password", "email"],
    daysAgo: 30,
    upvotes: ["beatriz", "kwame"],
    answers: [
      {
        author: "kwame",
        hoursAfterQuestion: 2,
        body: "you can also go to a Nimbus shop with your ID, they changed it for me in 5 minutes",
        upvotes: ["sam"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        accepted: true,
        body: `Hi Sam, two ways:

- **By SMS**: on the sign-in page choose *Forgot password*, then **Send the code by SMS instead**. It goes to your Nimbus mobile number. Once you're in, change the email under *Profile → Email*.
- **No Nimbus mobile?** Start a chat from [/contact](https://www.nimbus.example/contact). The agent will check your identity with your account number (it starts with NB- and is printed on your bills and on the sticker under your box) and the amount of your last bill, then update the email for you.`,
        upvotes: ["sam", "priya", "beatriz", "kwame", "alex"],
        comments: [{ author: "sam", body: "the SMS option worked, didnt even see that link. changed the email too, thanks!" }],
      },
    ],
  },
  {
    category: "account",
    author: "kwame",
    title: "app keeps logging me out every time I close it",
    body: "Pixel 7, Nimbus app 5.2.1. Every time I swipe the app away I have to enter my password AND the code again. Already uninstalled and reinstalled, no change. super annoying",
    tags: ["app", "android", "sign-in"],
    daysAgo: 18,
    upvotes: ["jules", "dev_ollie", "nora"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 6,
        accepted: true,
        body: `On Android this is nearly always one of these:

1. **Battery usage set to "Restricted".** That lets Android wipe the app's saved session when it's closed. Go to *Settings → Apps → Nimbus → App battery usage* and choose **Optimised** (or Unrestricted).
2. **"Remember this device" not ticked** on the code screen. Without it you get asked for a code every time.
3. **Work profile / secure folder**: if the app is installed in both, they each need their own login.

If none of those help, clear the app's *storage* (not just the cache) once, log in again and tick *Remember this device*.`,
        upvotes: ["kwame", "jules", "dev_ollie", "nora", "sam", "lena_k", "morgan"],
        comments: [{ author: "kwame", body: "It was the battery setting, on Restricted. my battery saver app did that. fixed!" }],
      },
      {
        author: "dev_ollie",
        hoursAfterQuestion: 10,
        body: "fwiw 5.2.2 came out yesterday and the changelog says \"sign-in session fixes\", might be worth updating too.",
        upvotes: ["kwame", "priya"],
      },
    ],
  },
  {
    category: "account",
    author: "beatriz",
    title: "how do I add my partner as a second account holder",
    body: "My partner wants to be able to call about the internet and change things when I'm travelling for work. Every time she calls they say she isn't authorised. Is there a way to add her?",
    tags: ["account-holder"],
    daysAgo: 35,
    upvotes: ["nora"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 9,
        body: `You can add her as an **authorised contact**: *Account → People → Add authorised contact*. She'll need her own Nimbus login, and then she can call us and manage services, but not cancel the contract or change the owner.

Joint ownership isn't possible, but if it ever makes more sense for her to own the account you can transfer it: [/kb/transfer-ownership](https://www.nimbus.example/kb/transfer-ownership).`,
        upvotes: ["nora", "priya", "amara"],
        comments: [{ author: "beatriz", body: "ok will try this at the weekend" }],
      },
    ],
  },
  {
    category: "account",
    author: "tomasz",
    title: "changed my email in the app but bills still go to old one",
    body: "Updated my email in the app (Profile → Email) 2 weeks ago, confirmed it through the link, and logging in works with the new one. But the bill notification for April still went to my old gmail. Are these separate settings or what?",
    tags: ["email", "invoice"],
    daysAgo: 1.5,
    answers: [],
  },
  {
    category: "account",
    author: "jules",
    title: "someone tried to log into my account from another country??",
    body: `Got an email: "New sign-in attempt blocked – location: Jakarta, Indonesia". I'm in Lille.

Apparently nobody got in because the code stopped them, but that means they have my password right?? what should i do`,
    tags: ["security", "password", "2fa"],
    daysAgo: 7,
    upvotes: ["sam", "lena_k", "tomasz", "amara"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 0.8,
        accepted: true,
        body: `Yes, assume the password is known — two-step verification did its job. Do this now:

1. **Change your Nimbus password** to something you don't use anywhere else (a password manager makes this painless).
2. **Change it everywhere else you used it.** Attempts like this usually come from a leak on some other site.
3. *Account → Security → Active sessions* → **Sign out everywhere**.
4. Move two-step verification from SMS to an **authenticator app**, and turn on *Account → Security → Number protection* — that blocks SIM swaps and number transfers without a PIN.
5. Remember that Nimbus never asks for a code by phone or SMS. If someone calls "from Nimbus" asking you to read one out, hang up.`,
        upvotes: ["jules", "sam", "lena_k", "tomasz", "amara", "morgan", "alex", "kwame", "beatriz"],
        comments: [
          { author: "jules", body: "done all 5. it was the same password as an old gaming forum that got hacked, oops" },
          { author: "morgan", body: "Great answer. You can also forward suspicious emails or texts to phishing@nimbus.example so we can block them." },
        ],
      },
    ],
  },
  {
    category: "account",
    author: "dev_ollie",
    title: "how do I remove an old card from my account",
    body: "Got a new bank card and added it, but the old expired one still shows under Payment methods and there's no delete button, only \"Set as default\" which is greyed out. Slightly OCD about this lol",
    tags: ["payment", "app"],
    daysAgo: 44,
    answers: [],
  },
  {
    category: "account",
    author: "lena_k",
    title: "can I keep my number when I switch to Nimbus",
    body: `Thinking of moving my mobile over from my current provider (contract ends in May). I've had the same number for 11 years and really don't want to lose it.

Do I need to cancel the old one first? And how long will I be without a phone?`,
    tags: ["number-porting", "sim"],
    daysAgo: 50,
    upvotes: ["sam", "amara", "beatriz"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Yes, you can keep it — and please **don't cancel first**, because cancelling releases the number.

1. Get your **porting code** from your current provider. It's free; most give it by text from a short number or in their app.
2. Order your Nimbus SIM and enter the code and your number at checkout.
3. Pick a porting date. On that day the number moves over and your old contract ends automatically.

Your old SIM keeps working until the switch, then you put the Nimbus SIM in. The gap is usually well under two hours.`,
        upvotes: ["lena_k", "sam", "amara", "beatriz", "priya", "kwame"],
        comments: [{ author: "lena_k", body: "ported last week, was offline about 40 min in total. thanks!" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "One tip: check the early-termination fees on your old contract. Porting ends it, so if you port before May you may have to pay the remaining months. Picking a porting date just after the end of the contract avoids that.",
        upvotes: ["lena_k", "morgan", "amara", "sam"],
      },
    ],
  },

  // ───────────────────────────── Devices ─────────────────────────────
  {
    category: "devices",
    author: "amara",
    title: "the box keeps restarting every night",
    body: `Every night around 3:10 my Nimbus Box restarts. I know because my NAS log shows the network dropping, and when I was up once the lights were all blinking white then back to solid white.

My NAS backup fails because of it. It's the Nimbus Box 4 (the black one). Any way to stop this??`,
    tags: ["nimbus-box", "reboot"],
    daysAgo: 10,
    upvotes: ["jules", "kwame", "dev_ollie", "sam", "tomasz"],
    comments: [
      { author: "dev_ollie", body: "same here, mine does it around 3-4am too" },
      { author: "sam", body: "did you try restarting it? 😅" },
      { author: "amara", body: "@sam ha, it restarts itself plenty already" },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Open the box's event log first: go to http://192.168.1.1, then *Advanced → System → Event log*, and look at what happens just before 03:10. You'll most likely see something like:

${FENCE}
03:09:58  FWUPD   Update 4.12.3 staged, awaiting reboot
03:10:02  SYSTEM  Scheduled maintenance reboot (auto)
${FENCE}

That's the **automatic maintenance window**: the Box 4 restarts at night to install updates and clear its memory. You can move it:

1. *Advanced → System → Maintenance*
2. Change the window to a time that suits you (e.g. 05:30), or switch automatic reboots off. Updates will then wait until you restart it yourself.

If instead the log says **Watchdog reset** or **Thermal shutdown**, it's a different problem: check the box isn't enclosed or stacked on something warm, and if it keeps happening ask support for a replacement.`,
        upvotes: ["amara", "jules", "kwame", "dev_ollie", "sam", "tomasz", "morgan", "lena_k", "nora"],
        comments: [
          { author: "amara", body: "Log said 'Scheduled maintenance reboot (auto)'. moved the window to 5:30, backup ran fine last night 🎉" },
        ],
      },
      {
        author: "tomasz",
        hoursAfterQuestion: 8,
        body: "just move your backup to 4am lol",
        upvotes: ["dev_ollie"],
        downvotes: ["jules"],
      },
    ],
  },
  {
    category: "devices",
    author: "nora",
    title: "how do I get my PUK code",
    body: "My son entered the wrong PIN 3 times on my phone and now it says \"SIM blocked, enter PUK\". Where do I find that?? I don't have the card the SIM came on anymore",
    tags: ["sim", "puk"],
    daysAgo: 4,
    upvotes: ["beatriz", "kwame"],
    answers: [
      {
        author: "lena_k",
        hoursAfterQuestion: 0.5,
        accepted: true,
        body: `It's in your account. Since your phone is blocked, use the website on a computer:

**Account → Mobile lines → pick the number → PUK code**

(In the app it's *Mobile → SIM → Show PUK*, if you can log in on another phone.)`,
        upvotes: ["nora", "beatriz", "kwame", "priya", "morgan"],
        comments: [{ author: "nora", body: "got it from the website on my laptop, phone works again. phew" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 1,
        body: "Careful: you get **10 tries** at the PUK. After that the SIM is permanently blocked and you need a replacement (free in shops, €5 by post). Type it slowly! Once it's accepted the phone asks you to choose a new PIN.",
        upvotes: ["nora", "lena_k", "beatriz", "kwame", "jules", "morgan", "amara"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        body: "And if you can't log in anywhere, our chat at [/contact](https://www.nimbus.example/contact) can give you the PUK after a quick identity check.",
        upvotes: ["nora"],
      },
    ],
  },
  {
    category: "devices",
    author: "dev_ollie",
    title: "eSIM transfer to new phone failed, now no service on either",
    body: `Moved from an iPhone 12 to an iPhone 15 and chose "Transfer eSIM" during setup. It said **"Cellular setup could not be completed"** and now the OLD phone shows No Service too.

So I have zero working phones. Typing this from my work laptop. What do I do?`,
    tags: ["esim", "sim", "iphone"],
    daysAgo: 22,
    upvotes: ["tomasz", "kwame", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1.5,
        accepted: true,
        body: `When a transfer fails halfway, the old eSIM has usually been switched off but the new one was never issued. Don't retry the transfer from the old phone — it'll fail the same way. Instead:

1. On the new iPhone, go to *Settings → Mobile Data*. If there's a greyed-out Nimbus plan, **delete it**.
2. On the website, go to *Mobile lines → your number → Replace eSIM*. You get a new QR code (free, once every 30 days). Because you can't receive SMS right now, the verification code goes to your email.
3. On the new phone: *Settings → Mobile Data → Add eSIM → Use QR code* and scan it.
4. Restart the phone. Nimbus should appear within a few minutes.`,
        upvotes: ["dev_ollie", "tomasz", "kwame", "jules", "sam", "lena_k", "morgan", "beatriz"],
        comments: [{ author: "dev_ollie", body: "QR code route worked first time. back online, thank you!!" }],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        body: "We know about a problem with direct transfers from some older iOS versions. The QR code route Priya describes is the reliable workaround until it's fixed.",
        upvotes: ["dev_ollie", "priya"],
      },
    ],
  },
  {
    category: "devices",
    author: "sam",
    title: "Nimbus Box red light on the @ symbol",
    body: `Came home and no internet. Box lights: power white, wifi white, the **@ one is red** (solid, not blinking). Restarted twice, same thing.

Nobody touched the cables as far as i know. Is it an outage or my box?`,
    tags: ["nimbus-box", "fibre", "outage"],
    daysAgo: 2,
    upvotes: ["amara", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 0.7,
        accepted: true,
        body: `The @ light tells you quite precisely where the problem is:

| @ light | Meaning | What to do |
|---|---|---|
| solid white | online | nothing |
| blinking white | connecting | wait 2–3 minutes |
| blinking red | no light on the fibre | check the green fibre cable, then the status page |
| solid red | fibre OK, but the connection was refused | see below |

Solid red means the fibre side is fine but the network won't let the box log in. Check, in this order:

1. https://status.nimbus.example for your postcode.
2. Your account: if a payment failed and the line is **suspended**, you get exactly this. The app shows a banner.
3. Only as a last resort, reset the box (hold the pin-hole button for 10 seconds). It takes about 15 minutes to set itself up again.`,
        upvotes: ["sam", "amara", "jules", "lena_k", "nora", "kwame", "tomasz"],
        comments: [
          {
            author: "sam",
            body: "it was the bill 🤦 my card expired so the direct debit failed. paid in the app and 10 min later the @ went white. thanks priya",
          },
        ],
      },
      {
        author: "jules",
        hoursAfterQuestion: 1,
        body: "there was an outage in my area last month that looked exactly like that, check the status page first",
        upvotes: ["sam"],
      },
    ],
  },
  {
    category: "devices",
    author: "kwame",
    title: "can I use my own router instead of the Nimbus Box?",
    body: "I have a decent ASUS router with much better wifi and I'd like to put the Nimbus Box in a drawer. Is that possible on Nimbus fibre? What settings do I need? Not sure if I need the box for the TV either.",
    tags: ["nimbus-box", "router", "fibre"],
    daysAgo: 28,
    upvotes: ["dev_ollie", "tomasz", "sam", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: `Yes, two ways:

**1. Keep the box, put it in bridge mode (easiest).** *Advanced → Network → Bridge mode*. The box stops routing and turns its Wi-Fi off, and your ASUS gets the public IP. Plug the TV decoder into the ASUS. The Nimbus landline keeps working because it stays on the box.

**2. Replace the box entirely.** Nimbus fibre ends on the small white terminal on the wall, so your router can plug straight into it. WAN settings:

${FENCE}
WAN type:     DHCP (IPoE)
VLAN ID:      100
Priority:     0
IPv6:         DHCPv6 with prefix delegation (/56)
DNS:          automatic
${FENCE}

With option 2, the landline and TV won't work, and support can only troubleshoot up to the wall terminal. If anyone at home still uses the landline, go with option 1.`,
        upvotes: ["kwame", "dev_ollie", "tomasz", "sam", "jules", "lena_k", "nora"],
        comments: [
          { author: "dev_ollie", body: "I run option 2 with an OpenWrt router, VLAN 100 + DHCP works, IPv6 prefix delegation too." },
          { author: "kwame", body: "thanks, need to check if we use the landline first. my parents still call it lol" },
        ],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 9,
        body: "Officially: you're free to use your own router. The Nimbus Box is on loan, so keep it and return it if you cancel. Bridge mode is the setup we recommend, because we can still run line tests through the box.",
        upvotes: ["priya", "kwame"],
      },
    ],
  },
  {
    category: "devices",
    author: "lena_k",
    title: "new SIM arrived but it's the wrong size",
    body: "Ordered a replacement SIM and the card has a big SIM shape on it, but my phone needs a nano SIM. Do I have to order another one?? the website said \"universal SIM\"",
    tags: ["sim"],
    daysAgo: 33,
    upvotes: ["amara"],
    answers: [
      {
        author: "jules",
        hoursAfterQuestion: 1.2,
        accepted: true,
        body: "It's a triple-cut SIM: look closely and you'll see two more outlines inside the big one. Gently push out the smallest one (nano) from the back. Don't cut it with scissors!",
        upvotes: ["lena_k", "amara", "priya", "nora"],
        comments: [{ author: "lena_k", body: "omg i see it now. thanks 🙈" }],
      },
    ],
  },
  {
    category: "devices",
    author: "tomasz",
    title: "Nimbus Box making a high pitched whine at night",
    body: "For a few days my box has been making a quiet high-pitched whining noise, mostly noticeable at night when it's quiet. Internet works fine. Is it about to die? It's about 3 years old, on an open shelf, not covered.",
    tags: ["nimbus-box", "hardware"],
    daysAgo: 0.9,
    comments: [
      { author: "nora", body: "mine did that when the power adapter was plugged into a power strip with lots of other stuff. try a wall socket?" },
    ],
    answers: [],
  },

  // ───────────────────────────── Network ─────────────────────────────
  {
    category: "network",
    author: "jules",
    title: "no signal at home since tuesday",
    body: `Since Tuesday my phone shows 1 bar or "SOS only" at home (Roubaix, near the canal). 200 m down the street it's fine. Neighbours on Nimbus have the same.

I work from home so this is a real problem, can't even take calls.`,
    tags: ["outage", "mobile", "5g"],
    daysAgo: 5,
    upvotes: ["sam", "kwame", "amara", "tomasz", "beatriz"],
    comments: [
      { author: "beatriz", body: "same here since Tuesday, also near the canal" },
      { author: "priya", body: "If you have Wi-Fi at home, turning on Wi-Fi calling will at least get calls working in the meantime." },
    ],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 1,
        body: "Quick thing to try while you wait: set network selection to manual and pick Nimbus 4G. Phones sometimes cling to a weak 5G layer when the nearest site is down.",
        upvotes: ["jules", "beatriz", "kwame"],
      },
      {
        author: "morgan",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Hi Jules, thanks for the details. I checked with the network team: the site covering the canal area has been down since Tuesday morning for an antenna replacement. It's listed on https://status.nimbus.example (search your postcode), with service expected back on Friday evening.

In the meantime:

- Turn on **Wi-Fi calling** (*Settings → Phone → Wi-Fi Calling*), so calls and texts go over your home internet.
- If the outage costs you, you can ask for a credit for the days affected through [/contact](https://www.nimbus.example/contact).

I'll post here when it's back.`,
        upvotes: ["jules", "sam", "kwame", "amara", "tomasz", "beatriz", "priya"],
        comments: [
          { author: "morgan", body: "Update: the site is back in service as of this afternoon, signal should be normal again." },
          { author: "jules", body: "yep 4 bars again. thanks for keeping us updated" },
        ],
      },
    ],
  },
  {
    category: "network",
    author: "tomasz",
    title: "fibre speed much lower than my plan",
    body: `I pay for Nimbus Fibre 1 Gb (€44.99/month) and speedtest shows **280–320 Mbps** on my laptop. That's download, upload is around 600.

Called support, they say "the line is fine". Am I being scammed or what?`,
    tags: ["fibre", "speed", "wifi"],
    daysAgo: 14,
    upvotes: ["sam", "dev_ollie", "kwame", "jules", "nora", "lena_k"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Almost certainly it's the Wi-Fi or the laptop, not the line. 1 Gbps is what arrives at the box; Wi-Fi rarely carries all of it. Roughly what to expect:

| Connection | Realistic download |
|---|---|
| Ethernet (gigabit port) | 920–940 Mbps |
| Wi-Fi 6, 5 GHz, same room | 600–900 Mbps |
| Wi-Fi 5, 5 GHz, same room | 300–500 Mbps |
| Wi-Fi 5 GHz through two walls | 100–300 Mbps |
| Wi-Fi 2.4 GHz | 50–150 Mbps |

To find out which it is:

1. Plug the laptop into one of the box's **yellow LAN ports** with a Cat5e or Cat6 cable.
2. Pause other downloads and run a test at [/speedtest](https://www.nimbus.example/speedtest).
3. Wired result around 900+? The line is fine and the Wi-Fi is the limit.
4. Wired result also ~300? Check the **cable** (a damaged one often drops to 100 Mbps) and the **adapter**: USB 2.0 Ethernet dongles top out around 300 Mbps.

Your upload being *higher* than your download is a strong hint: the line clearly has the capacity, something on the laptop side is limiting downloads.`,
        upvotes: ["tomasz", "sam", "dev_ollie", "kwame", "jules", "nora", "lena_k", "morgan", "amara", "alex", "beatriz"],
        comments: [
          { author: "tomasz", body: "wired = 938 down. So it's my laptop, it has an old wifi card (Intel AC 3165). ok, not scammed then 😂" },
          { author: "dev_ollie", body: "the USB 2.0 dongle thing got me too, great tip" },
        ],
      },
      {
        author: "sam",
        hoursAfterQuestion: 6,
        body: "did you try restarting the box? mine was slow once and a restart fixed it",
        downvotes: ["dev_ollie"],
      },
    ],
  },
  {
    category: "network",
    author: "beatriz",
    title: "wifi drops when the microwave is on",
    body: `Weird one: every time someone uses the microwave, the wifi on my laptop in the kitchen drops or gets super slow. Video calls freeze. When the microwave stops it's fine again.

The box is in the living room, the kitchen is right next to it. Is my microwave broken/dangerous??`,
    tags: ["wifi", "interference"],
    daysAgo: 16,
    upvotes: ["amara", "jules", "nora", "sam"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2.5,
        accepted: true,
        body: `Your microwave is almost certainly fine. Microwave ovens work at about 2.45 GHz, right inside the 2.4 GHz Wi-Fi band. A tiny bit of leakage is normal and harmless to you, but it's enough to drown out Wi-Fi nearby.

Fixes, easiest first:

1. **Use 5 GHz.** Microwaves don't affect it. In the box settings (*Wi-Fi → Bands*) either keep band steering on, or give 5 GHz its own name (e.g. "Home-5G") and connect the laptop to that.
2. If a device can only do 2.4 GHz, put the box on **channel 1**. Microwave noise is strongest at the top of the band:

| 2.4 GHz channel | Centre frequency | Microwave interference |
|---|---|---|
| 1 | 2412 MHz | lowest |
| 6 | 2437 MHz | medium |
| 11 | 2462 MHz | highest |

3. Keep the box and the laptop away from the direct line through the microwave where you can.

If it still happens on 5 GHz, it's something else — post back and we'll dig further.`,
        upvotes: ["beatriz", "amara", "jules", "nora", "sam", "kwame", "tomasz", "lena_k", "dev_ollie", "morgan"],
        comments: [
          { author: "beatriz", body: "switched the laptop to 5GHz, ran the microwave for 2 min during a call — no drop. amazing, thank you" },
          { author: "nora", body: "never knew this! explains why my baby monitor crackles too" },
        ],
      },
      {
        author: "kwame",
        hoursAfterQuestion: 4,
        body: "Had the same thing with an old cordless phone base, also on 2.4. Moving it to the other side of the room helped.",
        upvotes: ["beatriz"],
      },
    ],
  },
  {
    category: "network",
    author: "sam",
    title: "lag spikes every evening while gaming",
    body: "Playing online (Rocket League, EU servers), my ping is 15ms in the morning but between 8 and 11pm it spikes to 200+ every few seconds. I'm on a wired connection. Is Nimbus throttling in the evening??",
    tags: ["latency", "gaming", "fibre"],
    daysAgo: 8,
    upvotes: ["dev_ollie", "kwame", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 4,
        body: `Let's find out whether it's your home network or further out. From the wired PC, in the evening while it's happening, run:

${FENCE}
ping -n 50 192.168.1.1
ping -n 50 1.1.1.1
${FENCE}

The first one pings your own box. If you see this:

${FENCE}
Reply from 192.168.1.1: bytes=32 time<1ms TTL=64
Reply from 192.168.1.1: bytes=32 time=187ms TTL=64
Reply from 192.168.1.1: bytes=32 time<1ms TTL=64
${FENCE}

…the spikes are **inside your home**: something is filling the connection, usually an upload (cloud photo backup, someone streaming on Twitch, a console downloading an update). The box's queue fills up and your game packets wait in line. Turn on *Advanced → QoS → Smart queue* on the box, which fixes this in most cases.

If the box ping is clean but 1.1.1.1 spikes, the problem is upstream. Post the output of \`tracert 1.1.1.1\` here and tag @morgan so the network team can look.`,
        upvotes: ["sam", "dev_ollie", "kwame", "jules", "tomasz", "amara"],
        comments: [
          { author: "sam", body: "ok will run it tonight. my flatmate does upload videos in the evening actually 🤔" },
          { author: "dev_ollie", body: "+1 for smart queue, fixed it for me" },
        ],
      },
    ],
  },
  {
    category: "network",
    author: "kwame",
    title: "5G icon shows but speeds are worse than 4G",
    body: "New Galaxy S23, on the Nimbus 5G plan. At home it shows 5G but I get like 8 Mbps; if I force LTE only I get 60+. Feels like 5G is a scam lol. I'm in Villeurbanne if that matters.",
    tags: ["5g", "speed", "mobile"],
    daysAgo: 26,
    upvotes: ["dev_ollie", "tomasz"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 7,
        body: `The 5G icon only says you're attached to *some* 5G, not a good one. Two common cases:

- **Edge of a 3.5 GHz cell**: fast outdoors, but indoors the signal is weak and the phone still clings to it instead of falling back to solid 4G.
- **Low-band 5G (700 MHz)**: great coverage, but not much faster than 4G because the spectrum is narrow.

On a Samsung you can check with the service menu (dial \`*#0011#\`): it shows the band (n78 = 3.5 GHz) and the signal level (RSRP). Below about -110 dBm indoors, forcing LTE is genuinely the better choice.

Also report it in the app (*Network → Report a problem*) with location on: those reports feed the network team's planning.`,
        upvotes: ["kwame", "dev_ollie", "tomasz", "sam", "jules"],
        comments: [{ author: "kwame", body: "ServiceMode says n78 with RSRP -118. so weak signal yes" }],
      },
      {
        author: "dev_ollie",
        hoursAfterQuestion: 12,
        body: "Same in Lyon 7e, I just leave it on LTE indoors and switch back to 5G when I'm out.",
        upvotes: ["kwame"],
      },
    ],
  },
  {
    category: "network",
    author: "amara",
    title: "internet down in Lyon 3e right now?",
    body: "Box @ light blinking red for about an hour, the fibre cable is fine, I restarted it. Status page says \"no known incident\" for 69003. Anyone else around Part-Dieu?",
    tags: ["outage", "fibre"],
    daysAgo: 0.2,
    upvotes: ["kwame"],
    comments: [
      { author: "kwame", body: "same in 69007, blinking red here too" },
      { author: "dev_ollie", body: "down here too (Guillotière). looks like something bigger" },
    ],
    answers: [],
  },
  {
    category: "network",
    author: "dev_ollie",
    title: "traceroute shows huge latency at a Nimbus hop, is that a problem?",
    body: `I was debugging slow page loads and ran a traceroute. Hop 3 (a Nimbus router) shows 180 ms but the final destination is 14 ms?? How is that even possible?

${FENCE}
traceroute to example.org (203.0.113.10), 30 hops max
 1  nimbus.box (192.168.1.1)  0.6 ms  0.5 ms  0.5 ms
 2  10.64.0.1  3.1 ms  2.9 ms  3.0 ms
 3  core1-lyo.nimbus.example  182.4 ms  179.8 ms  185.1 ms
 4  ix-par.nimbus.example  9.8 ms  9.6 ms  9.9 ms
 5  * * *
 6  example.org (203.0.113.10)  14.2 ms  14.0 ms  14.1 ms
${FENCE}`,
    tags: ["latency", "traceroute"],
    daysAgo: 38,
    upvotes: ["priya", "tomasz", "kwame"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `That's normal, and not the cause of your slow pages.

Routers forward your traffic in hardware, which is very fast. But *answering* a traceroute probe (the ICMP "time exceeded" message) is done by the router's CPU, at low priority and rate-limited. So one hop can look slow, or not answer at all like hop 5, while traffic passing through it is perfectly fine.

The rule of thumb: **only latency that carries on to every hop after it matters.** Here hops 4 and 6 are 10–14 ms, so nothing is actually delayed on the way. If hop 3 *and everything after it* were at 180 ms, that would be a real problem.

For slow page loads, look at DNS and the browser instead: compare \`nslookup example.org\` against the box's DNS and a public one, and try a private window without extensions.`,
        upvotes: ["dev_ollie", "tomasz", "kwame", "jules", "sam", "morgan", "alex", "nora"],
        comments: [{ author: "dev_ollie", body: "TIL. the slow pages were a browser extension in the end 🙃" }],
      },
    ],
  },
  {
    category: "network",
    author: "lena_k",
    title: "can't call from my basement flat, can I get Wi-Fi calling?",
    body: "Moved into a basement studio (half underground). Mobile signal is basically zero inside, calls drop after 10 seconds. I have Nimbus fibre too. Is Wi-Fi calling available and does it cost extra? iPhone 13.",
    tags: ["wifi-calling", "coverage"],
    daysAgo: 42,
    upvotes: ["nora", "jules"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 3,
        accepted: true,
        body: `Hi Lena — Wi-Fi calling is included at no extra cost on every Nimbus mobile plan, and it works over any Wi-Fi, not only Nimbus.

On your iPhone: *Settings → Phone → Wi-Fi Calling* → on, and confirm your address when asked (it's used for emergency calls). You keep your normal number for calls and texts.

If the switch is missing, update iOS, then open *Settings → General → About* and wait 30 seconds: if a carrier settings update is available, you'll be offered it.`,
        upvotes: ["lena_k", "nora", "jules", "priya", "sam"],
        comments: [{ author: "lena_k", body: "works perfectly, calls are clearer than they ever were upstairs lol" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "If Wi-Fi calling ever isn't enough (e.g. for visitors on Nimbus), customers with Nimbus fibre can borrow a small indoor cell, the Nimbus Signal Box, for free. Ask support for it.",
        upvotes: ["lena_k", "nora", "morgan"],
      },
    ],
  },

  // ───────────────────────────── Tips ─────────────────────────────
  {
    category: "tips",
    author: "nora",
    title: "best place to put the Nimbus Box",
    body: `Moving into a new flat next week, ~75m². Layout: long corridor, living room at one end, two bedrooms at the other end, kitchen + bathroom in the middle.

The fibre socket is in the living room corner by the window (of course). Where should I put the box, and do I need a repeater? The kids will be gaming in the back bedroom.`,
    tags: ["nimbus-box", "wifi", "placement"],
    daysAgo: 45,
    upvotes: ["sam", "amara", "beatriz", "lena_k", "kwame"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 6,
        accepted: true,
        body: `General rules for any box:

- **High up**, on a shelf rather than the floor, out in the open: not in a cabinet or behind the TV.
- Away from mirrors, aquariums, big metal things and the microwave (see @beatriz's microwave thread).
- As central as possible, though you're tied to the fibre socket.

For your layout I'd do this:

1. **Box in the living room** on a shelf about 1.5 m high, as close to the corridor door as the cable allows. The green fibre cable can be swapped for a longer one (up to 15 m; it must be SC/APC, the *green* connector).
2. **One mesh extender in the middle of the corridor**, not in the back bedroom: an extender needs a good signal itself to pass it on.
3. **The gaming bedroom**: Ethernet if at all possible. A flat cable along the skirting board is nearly invisible. Powerline adapters are plan B.
4. After moving in, use the box's Wi-Fi analyser (*Wi-Fi → Diagnostics*) in each room to check.`,
        upvotes: ["nora", "sam", "amara", "beatriz", "lena_k", "kwame", "jules", "tomasz", "dev_ollie", "morgan", "alex"],
        comments: [
          { author: "nora", body: "flat ethernet cable along the corridor it is. thank you so much for the detailed answer" },
          { author: "beatriz", body: "ha, my microwave fame 😄" },
        ],
      },
      {
        author: "kwame",
        hoursAfterQuestion: 10,
        body: "+1 on Ethernet for gaming. The mesh added about 10 ms for my son's PS5, the cable fixed it.",
        upvotes: ["nora", "priya"],
      },
    ],
  },
  {
    category: "tips",
    author: "jules",
    title: "tip: set up a guest wifi network for visitors",
    body: `Small tip, since I got tired of reading out my 24-character wifi password to every visitor: the Nimbus Box has a **guest network**.

*Box settings → Wi-Fi → Guest network*. You can make it switch itself off after 24h, and guests can't see your NAS or printer. There's also a QR code on that page you can print and stick on the fridge.`,
    tags: ["wifi", "guest-network", "nimbus-box"],
    daysAgo: 55,
    upvotes: ["sam", "nora", "amara", "lena_k", "kwame", "priya", "beatriz", "tomasz"],
    comments: [{ author: "alex", body: "Great tip @jules, thanks for sharing it with everyone." }],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 12,
        body: "Nice one. Another good use: put smart-home gadgets (bulbs, plugs, cheap cameras) on the guest network too. It keeps them away from your laptops if one of them gets compromised. Some need to be on the same network as your phone for the first setup, so do that first and move them afterwards.",
        upvotes: ["jules", "nora", "amara", "kwame", "dev_ollie", "sam"],
        comments: [{ author: "dev_ollie", body: "gadgets on the guest network is the real pro tip" }],
      },
      {
        author: "nora",
        hoursAfterQuestion: 30,
        body: "Didn't know about the QR code, printed it and it's on the fridge now. Thanks!",
        upvotes: ["jules"],
      },
    ],
  },
  {
    category: "tips",
    author: "amara",
    title: "how to see how much data I have left without opening the app",
    body: "The app takes ages to load on my old phone. Is there a quicker way to check how much mobile data I have left this month?",
    tags: ["mobile-data"],
    daysAgo: 19,
    upvotes: ["nora"],
    answers: [
      {
        author: "kwame",
        hoursAfterQuestion: 3,
        accepted: true,
        body: "Dial `*123#` and press call: you get a pop-up with data and minutes left within a few seconds. It's free. Or text DATA to 3900 and it texts you back.",
        upvotes: ["amara", "nora", "priya", "beatriz", "jules"],
        comments: [{ author: "amara", body: "*123# is perfect, thank you!" }],
      },
      {
        author: "priya",
        hoursAfterQuestion: 5,
        body: "You can also add the Nimbus widget to your home screen. It refreshes in the background, so it shows your balance instantly even if the app itself is slow to open.",
        upvotes: ["amara", "kwame"],
      },
    ],
  },
  {
    category: "tips",
    author: "beatriz",
    title: "can I share data with my kid's SIM?",
    body: "My teen always runs out of data by the 20th, and I have 50GB of which I never use more than 10. Is there a way to give her some of mine instead of paying for top-ups at €5 each?",
    tags: ["data-sharing", "family-plan", "mobile-data"],
    daysAgo: 11,
    upvotes: ["nora", "amara", "sam"],
    answers: [
      {
        author: "morgan",
        hoursAfterQuestion: 4,
        accepted: true,
        body: `Yes — if both lines are on the same account you can gift data: app → **Mobile → Share data**, then choose her line and the amount (1 GB steps, up to 20 GB a month). It arrives instantly and expires at the end of the billing month.

On Family plans you can also set up an automatic monthly transfer on the same screen.`,
        upvotes: ["beatriz", "nora", "amara", "sam", "priya", "kwame"],
        comments: [{ author: "beatriz", body: "set up 5GB automatically every month, she's thrilled. thanks!" }],
      },
      {
        author: "amara",
        hoursAfterQuestion: 7,
        body: "We do this, works great. Tip: set her top-up limit to €0 in the parental settings so she can't buy more without asking 😉",
        upvotes: ["beatriz", "nora", "morgan"],
      },
    ],
  },
  {
    category: "tips",
    author: "dev_ollie",
    title: "how to schedule wifi off at night for the kids' devices",
    body: "Kids (10 and 13) are on their tablets at 1am. I don't want to turn off wifi for the whole house because my home office stuff runs overnight. Can the Nimbus Box cut off specific devices at set times?",
    tags: ["parental-controls", "wifi", "nimbus-box"],
    daysAgo: 24,
    upvotes: ["nora", "beatriz", "amara", "sam"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 2,
        accepted: true,
        body: `Yes: *Box settings → Parental controls → Profiles*.

1. Create a profile, e.g. **Kids**.
2. Add their devices from the list of connected devices. Tip: rename devices first (e.g. "Lea-tablet"), because by default they show up as things like "android-7f3a…".
3. Set the schedule, e.g. school nights 21:30–07:00, weekends 23:00–08:00.
4. Optional: the **Pause** button in the app cuts the profile off instantly (dinner time!).

**The catch:** modern phones and tablets use a *private/random Wi-Fi address* per network and can change it. Turn that off for your home network on the kids' devices, otherwise the box sees a "new" device and the schedule doesn't apply.

And mobile data isn't covered by the box, obviously: set limits on their SIM in the app under *Mobile → line → Restrictions*.`,
        upvotes: ["dev_ollie", "nora", "beatriz", "amara", "sam", "kwame", "lena_k", "morgan"],
        comments: [
          { author: "dev_ollie", body: "the random address thing was exactly why my first attempt didn't work. works now, 13yo is furious 😂" },
        ],
      },
    ],
  },
  {
    category: "tips",
    author: "kwame",
    title: "any way to get a static IP on residential fibre?",
    body: "I host a small home server (Nextcloud + a Minecraft server for friends). My IP changes every few weeks, which breaks everything. Is a static IPv4 available on home fibre plans, even paid? Or do I need a business plan?",
    tags: ["static-ip", "fibre"],
    daysAgo: 3,
    upvotes: ["dev_ollie", "tomasz"],
    comments: [
      { author: "dev_ollie", body: "meanwhile a dynamic DNS service works fine, the box even has a DDNS setting under Advanced" },
    ],
    answers: [],
  },
  {
    category: "tips",
    author: "tomasz",
    title: "tip: turn off band steering if your old printer won't connect",
    body: `Spent an evening fighting with my old HP printer, it kept saying "cannot connect to network" after we got the new Nimbus Box.

Fix: *Box settings → Wi-Fi* → turn OFF **Single network name (band steering)**, so 2.4 and 5 GHz get separate names, then connect the printer to the 2.4 one. Older devices get confused when both bands share one name. Hope it saves someone an evening.`,
    tags: ["wifi", "printer", "nimbus-box"],
    daysAgo: 58,
    upvotes: ["sam", "nora", "beatriz", "amara", "priya", "jules"],
    answers: [
      {
        author: "priya",
        hoursAfterQuestion: 20,
        body: "Good find. An alternative that keeps one name for everything else: leave band steering on and enable the **Legacy 2.4 GHz network** (*Wi-Fi → Advanced*). It's an extra 2.4 GHz-only network just for printers, smart plugs and other old or simple devices.",
        upvotes: ["tomasz", "sam", "nora", "amara", "jules", "kwame"],
        comments: [{ author: "tomasz", body: "oh nice, didn't see that option. even better" }],
      },
    ],
  },
];
