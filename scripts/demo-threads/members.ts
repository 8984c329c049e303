// The demo community's ordinary customers, besides the four demo logins.
// Names and usernames are the same in every language; their bios are not.
import type { DemoMember } from "./types";

export const DEMO_MEMBERS: DemoMember[] = [
  {
    username: "lena_k",
    displayName: "Lena Kowalski",
    bio: {
      en: "Freelance translator, works from a basement studio with surprisingly good Wi-Fi.",
      fr: "Traductrice freelance, je bosse depuis un studio en sous-sol où le wifi marche étonnamment bien.",
    },
  },
  {
    username: "tomasz",
    displayName: "Tomasz Wójcik",
    bio: {
      en: "Nimbus fibre since 2021. I read the small print so you don't have to.",
      fr: "Fibre Nimbus depuis 2021. Je lis les petites lignes des contrats pour que vous n'ayez pas à le faire.",
    },
  },
  {
    username: "jules",
    displayName: "Jules Bernard",
    bio: {
      en: "Moved house twice in two years; I know the equipment-return process by heart.",
      fr: "Deux déménagements en deux ans : la procédure de retour de la box, je la connais par cœur.",
    },
  },
  {
    username: "amara",
    displayName: "Amara Okafor",
    bio: {
      en: "Nurse on night shifts, home NAS enthusiast, owner of one very loud cat.",
      fr: "Infirmière de nuit, fan de NAS maison, et maman d'un chat très bavard.",
    },
  },
  {
    username: "dev_ollie",
    displayName: "Ollie Devereux",
    bio: {
      en: "Software developer. Will run a traceroute before asking for help.",
      fr: "Développeur. Je lance un traceroute avant de demander de l'aide.",
    },
  },
  {
    username: "nora",
    displayName: "Nora Lindqvist",
    bio: {
      en: "Mum of two, family plan veteran, learning router settings one thread at a time.",
      fr: "Maman de deux enfants, abonnée à l'offre famille depuis toujours, j'apprends les réglages de la box un fil à la fois.",
    },
  },
  {
    username: "kwame",
    displayName: "Kwame Mensah",
    bio: {
      en: "Runs a small Minecraft server for friends and travels whenever he can.",
      fr: "J'héberge un petit serveur Minecraft pour les potes et je voyage dès que je peux.",
    },
  },
  {
    username: "beatriz",
    displayName: "Beatriz Santos",
    bio: {
      en: "Architect. Famous on this forum for the microwave thread.",
      fr: "Architecte. Célèbre sur ce forum pour le fil du micro-ondes.",
    },
  },
];
