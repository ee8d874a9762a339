import type { FeatureMessages } from '../../app/feature.ts';

const fr = {
  nav: 'Ajouter par photo',
  title: 'Ajouter un véhicule depuis la carte grise',
  intro: 'Photographiez la carte grise à plat, bien éclairée, ou choisissez un scan (PNG, JPEG ou PDF, 10 Mo au plus). Vous vérifiez ce qui a été lu avant d’enregistrer.',
  camera: 'Prendre une photo',
  choose: 'Choisir un fichier',
  chosen: 'Fichier : {{name}}',
  read: 'Lire la carte grise',
  reading: 'Lecture de la carte grise…',
  tooLarge: 'Le fichier dépasse 10 Mo.',
  wrongType: 'Seuls les fichiers PNG, JPEG et PDF sont lus.',
  readTitle: 'Ce que nous avons lu',
  imageAlt: 'La carte grise envoyée, avec les zones lues encadrées',
  confirm: 'Vérifiez et corrigez si besoin, puis enregistrez.',
  save: 'Enregistrer le véhicule',
  again: 'Essayer une autre photo',
  holder: 'Titulaire (C.1)',
  firstRegistration: 'Première immatriculation (B)',
  status: {
    readable: 'Carte grise lue.',
    to_verify: 'Carte grise lue : quelques points sont à vérifier.',
    blurry: 'La photo est trop floue pour être lue correctement.',
    not_a_certificate: 'Ce document ne ressemble pas à une carte grise.',
  },
  field: { A: 'Plaque (A)', B: 'Date (B)', 'C.1': 'Titulaire (C.1)', 'D.1': 'Marque (D.1)', 'D.3': 'Modèle (D.3)', E: 'VIN (E)' },
};

const en: typeof fr = {
  nav: 'Add from a photo',
  title: 'Add a vehicle from its registration certificate',
  intro: 'Photograph the certificate flat and well lit, or choose a scan (PNG, JPEG or PDF, 10 MB at most). You check what was read before saving.',
  camera: 'Take a photo',
  choose: 'Choose a file',
  chosen: 'File: {{name}}',
  read: 'Read the certificate',
  reading: 'Reading the certificate…',
  tooLarge: 'The file is larger than 10 MB.',
  wrongType: 'Only PNG, JPEG and PDF files are read.',
  readTitle: 'What we read',
  imageAlt: 'The certificate sent, with the read areas outlined',
  confirm: 'Check and correct if needed, then save.',
  save: 'Save the vehicle',
  again: 'Try another photo',
  holder: 'Holder (C.1)',
  firstRegistration: 'First registration (B)',
  status: {
    readable: 'Certificate read.',
    to_verify: 'Certificate read: a few things need checking.',
    blurry: 'The photo is too blurry to be read well.',
    not_a_certificate: 'This document does not look like a registration certificate.',
  },
  field: { A: 'Plate (A)', B: 'Date (B)', 'C.1': 'Holder (C.1)', 'D.1': 'Make (D.1)', 'D.3': 'Model (D.3)', E: 'VIN (E)' },
};

export const ocrMessages: FeatureMessages<typeof fr> = { fr, en };
