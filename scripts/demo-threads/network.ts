// Demo conversations in Network & outages.
import { FENCE, type DemoThread } from "./types";

export const NETWORK_THREADS: DemoThread[] = [
  {
    key: "no-signal-home",
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
- If the outage costs you, you can ask for a credit for the days affected through [www.nimbus.example/contact](https://www.nimbus.example/contact).

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
    key: "fibre-speed-low",
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
2. Pause other downloads and run a test at [www.nimbus.example/speedtest](https://www.nimbus.example/speedtest).
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
    key: "wifi-microwave",
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
    key: "evening-lag",
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
    key: "5g-slower",
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
    key: "outage-lyon",
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
    key: "traceroute-latency",
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
    key: "basement-wifi-calling",
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

];
