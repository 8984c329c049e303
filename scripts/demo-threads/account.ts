// Demo conversations in Account & sign-in.
import type { DemoThread } from "./types";

export const ACCOUNT_THREADS: DemoThread[] = [
  {
    key: "sms-code-missing",
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
    key: "reset-old-email",
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
- **No Nimbus mobile?** Start a chat from [www.nimbus.example/contact](https://www.nimbus.example/contact). The agent will check your identity with your account number (it starts with NB- and is printed on your bills and on the sticker under your box) and the amount of your last bill, then update the email for you.`,
        upvotes: ["sam", "priya", "beatriz", "kwame", "alex"],
        comments: [{ author: "sam", body: "the SMS option worked, didnt even see that link. changed the email too, thanks!" }],
      },
    ],
  },
  {
    key: "app-logs-out",
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
    key: "second-holder",
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

Joint ownership isn't possible, but if it ever makes more sense for her to own the account you can transfer it: [www.nimbus.example/kb/transfer-ownership](https://www.nimbus.example/kb/transfer-ownership).`,
        upvotes: ["nora", "priya", "amara"],
        comments: [{ author: "beatriz", body: "ok will try this at the weekend" }],
      },
    ],
  },
  {
    key: "email-change-bills",
    category: "account",
    author: "tomasz",
    title: "changed my email in the app but bills still go to old one",
    body: "Updated my email in the app (Profile → Email) 2 weeks ago, confirmed it through the link, and logging in works with the new one. But the bill notification for April still went to my old gmail. Are these separate settings or what?",
    tags: ["email", "invoice"],
    daysAgo: 1.5,
    answers: [],
  },
  {
    key: "foreign-sign-in",
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
    key: "remove-old-card",
    category: "account",
    author: "dev_ollie",
    title: "how do I remove an old card from my account",
    body: "Got a new bank card and added it, but the old expired one still shows under Payment methods and there's no delete button, only \"Set as default\" which is greyed out. Slightly OCD about this lol",
    tags: ["payment", "app"],
    daysAgo: 44,
    answers: [],
  },
  {
    key: "keep-number",
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

];
