// Demo conversations in Tips & tricks.
import type { DemoThread } from "./types";

export const TIPS_THREADS: DemoThread[] = [
  {
    key: "box-placement",
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
    key: "guest-wifi",
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
    key: "data-left",
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
    key: "share-data",
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
    key: "wifi-schedule-kids",
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
    key: "static-ip",
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
    key: "band-steering-printer",
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
