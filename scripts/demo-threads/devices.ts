// Demo conversations in Devices.
import { FENCE, type DemoThread } from "./types";

export const DEVICES_THREADS: DemoThread[] = [
  {
    key: "box-nightly-restart",
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
    key: "puk-code",
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
        body: "And if you can't log in anywhere, our chat at [www.nimbus.example/contact](https://www.nimbus.example/contact) can give you the PUK after a quick identity check.",
        upvotes: ["nora"],
      },
    ],
  },
  {
    key: "esim-transfer-failed",
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
    key: "red-at-light",
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
    key: "own-router",
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
    key: "sim-wrong-size",
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
    key: "box-whine",
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

];
