// The demo community's ordinary customers, besides the four demo logins.

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
