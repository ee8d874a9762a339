import type { FeatureMessages } from '../../app/feature.ts';

const fr = {
  title: 'Bienvenue sur NovaEvo',
  intro: "Suivez vos véhicules et trouvez le bon professionnel de l'automobile, près de chez vous.",
  tabs: { signIn: 'Se connecter', register: 'Créer un compte' },
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  passwordHint: 'Au moins 10 caractères.',
  signIn: 'Se connecter',
  register: 'Créer mon compte',
  accountType: 'Je suis',
  owner: 'Propriétaire de véhicule',
  pro: "Professionnel de l'automobile",
  name: 'Nom et prénom',
  companyName: "Nom de l'entreprise",
  siren: 'SIREN',
  sirenHint: "9 chiffres, sur l'extrait Kbis ou l'avis de situation INSEE.",
  proNote: "Votre entreprise sera vérifiée (extrait Kbis) avant d'ouvrir les fonctions réservées aux professionnels.",
  errors: {
    email: 'Saisissez une adresse e-mail valide, par exemple camille@exemple.fr.',
    passwordRequired: 'Saisissez votre mot de passe.',
    passwordLength: 'Le mot de passe doit compter de 10 à 256 caractères.',
    name: 'Saisissez votre nom.',
    companyName: "Saisissez le nom de l'entreprise.",
    siren: 'Le SIREN compte 9 chiffres.',
  },
};

const en: typeof fr = {
  title: 'Welcome to NovaEvo',
  intro: 'Keep track of your vehicles and find the right automotive professional near you.',
  tabs: { signIn: 'Sign in', register: 'Create an account' },
  email: 'Email address',
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  signIn: 'Sign in',
  register: 'Create my account',
  accountType: 'I am',
  owner: 'A vehicle owner',
  pro: 'An automotive professional',
  name: 'Full name',
  companyName: 'Company name',
  siren: 'SIREN',
  sirenHint: '9 digits, on the Kbis extract or the INSEE registration notice.',
  proNote: 'Your company will be verified (Kbis extract) before the professional features open.',
  errors: {
    email: 'Enter a valid email address, for example camille@example.fr.',
    passwordRequired: 'Enter your password.',
    passwordLength: 'The password must have 10 to 256 characters.',
    name: 'Enter your name.',
    companyName: 'Enter the company name.',
    siren: 'The SIREN has 9 digits.',
  },
};

export const authMessages: FeatureMessages = { fr, en };
