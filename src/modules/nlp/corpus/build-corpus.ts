import type { Category, Language, Urgency } from '../analysis/taxonomy.ts';
import { fnv1a } from '../model/fnv1a.ts';
import { seededRandom } from '../model/softmax-trainer.ts';
import type { CorpusExample } from './corpus-example.ts';
import { addNoise } from './noise.ts';
import { CODES_BY_CATEGORY, EN_SLOTS, FR_SLOTS, type LanguageSlots } from './slots.ts';
import { EN_COLLOQUIAL } from './colloquial-en.ts';
import { FR_COLLOQUIAL } from './colloquial-fr.ts';
import { EN_PARAPHRASES } from './paraphrases-en.ts';
import { FR_PARAPHRASES } from './paraphrases-fr.ts';
import { EN_SYMPTOMS } from './symptoms-en.ts';
import { FR_SYMPTOMS } from './symptoms-fr.ts';

/** A hand-written labelled text, before the split is decided. */
export interface HandExample {
  text: string;
  language: CorpusExample['language'];
  category: Category;
  urgency: Urgency;
}

/**
 * What a template example states, so the entity extractor can be checked against it. Vehicle
 * fields are absent when typing noise garbled the vehicle's name (not checked).
 */
export interface SlotEntities {
  text: string;
  dtcCodes: string[];
  mileageKm: number | null;
  make?: string | null;
  model?: string | null;
  year?: number | null;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const VARIANTS_PER_PHRASE = 4;
const MIXED_EVERY = 4;
const TEST_EVERY = 5;
const CORPUS_SEED = 20_261_201;

// Frames around a symptom: {s} symptom, {o} opener, {t} time, {q} closing, {n} denied context,
// {v} vehicle, {m} mileage, {c} fault code (frames with {c} only for categories that have codes).
const FRAMES = ['{s}', '{o} {s}', '{v}, {s}', '{s} {t}', '{s}, {m}', '{v} {m} : {s}', '{o} {s} {t}. {q}', '{s}, {n}', '{v}, {s}. {n}. {q}', '{s}, {c}', '{s} {t}, {m}, {v}', '{o} {v}, {c}, {s}'];

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

function codeSpelling(code: string, random: () => number): string {
  const r = random();
  if (r < 0.4) return code;
  if (r < 0.6) return code.toLowerCase();
  if (r < 0.8) return `${code[0]!.toLowerCase()} ${code.slice(1)}`;
  return `${code[0]} ${code.slice(1)}`;
}

function realise(phrase: string, category: Category, slots: LanguageSlots, random: () => number, wordyFrame = false): Omit<SlotEntities, 'text'> & { text: string; vehicleText: string | null } {
  const codes = CODES_BY_CATEGORY[category];
  // A code-switched example needs words of the other language around the phrase.
  const frames = FRAMES.filter((f) => (codes || !f.includes('{c}')) && (!wordyFrame || /\{[otqnv]\}/.test(f)));
  const frame = pick(frames, random);
  const vehicle = pick(slots.vehicles, random);
  const [mileageText, mileageKm] = pick(slots.mileages, random);
  const code = codes ? pick(codes, random) : '';
  const codeText = codes ? pick(slots.codeFrames, random).replace('{code}', codeSpelling(code, random)) : '';
  // Both languages' denial lists are parallel: a denial is left out when its meaning, in either
  // language, contradicts the phrase ("no smoke" after "de la fumée sort du capot").
  const contradicts = (i: number) => [FR_SLOTS, EN_SLOTS].some((l) => l.denials[i]![1].source !== '^$' && l.denials[i]![1].test(phrase));
  const denials = slots.denials.filter((_, i) => !contradicts(i));
  const text = frame
    .replace('{s}', phrase)
    .replace('{o}', pick(slots.openers, random))
    .replace('{t}', pick(slots.times, random))
    .replace('{q}', pick(slots.closings, random))
    .replace('{n}', pick(denials, random)[0])
    .replace('{v}', vehicle.text)
    .replace('{m}', mileageText)
    .replace('{c}', codeText);
  const has = (slot: string) => frame.includes(slot);
  return {
    text,
    dtcCodes: has('{c}') ? [code] : [],
    mileageKm: has('{m}') ? mileageKm : null,
    make: has('{v}') ? vehicle.make : null,
    model: has('{v}') ? vehicle.model : null,
    year: has('{v}') ? vehicle.year : null,
    vehicleText: has('{v}') ? vehicle.text : null,
  };
}

/**
 * The split of a family, from its hash alone: one family in five is held out for testing. A
 * family's side never changes when other phrases are added, and no variant of a test phrase is
 * ever trained on.
 */
function splitOf(family: string): 'train' | 'test' {
  return fnv1a(`split:${family}`) % TEST_EVERY === 0 ? 'test' : 'train';
}

/**
 * The whole corpus, deterministically: every symptom phrase realised in several templates with
 * slot fills and typing noise, plus the hand-written examples; and the slot entities of each
 * template example, for the entity check.
 */
export function buildCorpus(hand: readonly HandExample[]): { examples: CorpusExample[]; slotEntities: Array<SlotEntities & { split: 'train' | 'test' }> } {
  const drafts: Array<Omit<CorpusExample, 'split'> & { slots?: SlotEntities }> = [];
  const sources: Array<[Language, typeof FR_SYMPTOMS, LanguageSlots]> = [
    ['fr', [...FR_SYMPTOMS, ...FR_PARAPHRASES, ...FR_COLLOQUIAL], FR_SLOTS],
    ['en', [...EN_SYMPTOMS, ...EN_PARAPHRASES, ...EN_COLLOQUIAL], EN_SLOTS],
  ];
  const families = new Set<string>();
  for (const [language, groups, slots] of sources) {
    for (const { category, urgency, phrases } of groups) {
      for (const phrase of phrases) {
        const family = `${language}:${phrase}`;
        if (families.has(family)) throw new Error(`corpus: the phrase "${phrase}" is listed twice`);
        families.add(family);
        const random = seededRandom(fnv1a(family) ^ CORPUS_SEED);
        for (let v = 0; v < VARIANTS_PER_PHRASE; v++) {
          const realised = realise(phrase, category, slots, random);
          const text = addNoise(realised.text, language, random);
          // A slip of the finger in the vehicle's name makes it unreadable: not checked then.
          const { vehicleText, ...entities } = realised;
          const intact = vehicleText === null || fold(text).includes(fold(vehicleText));
          const checked: SlotEntities = intact ? { ...entities, text } : { text, dtcCodes: entities.dtcCodes, mileageKm: entities.mileageKm };
          drafts.push({ id: `t-${fnv1a(family).toString(36)}-${v}`, text, language, category, urgency, family, source: 'template', slots: checked });
        }
        // One phrase in four is also said inside the other language's words, as bilingual owners do.
        if (fnv1a(`mixed:${family}`) % MIXED_EVERY === 0) {
          const other = sources.find(([l]) => l !== language)![2];
          const realised = realise(phrase, category, other, random, true);
          drafts.push({ id: `t-${fnv1a(family).toString(36)}-mixed`, text: realised.text, language: 'mixed', category, urgency, family, source: 'template' });
        }
      }
    }
  }
  for (const h of hand) {
    const family = `hand:${h.text}`;
    drafts.push({ id: `h-${fnv1a(family).toString(36)}`, ...h, family, source: 'hand' });
  }
  const examples = drafts.map(({ slots: _slots, ...e }) => ({ ...e, split: splitOf(e.family) }));
  const slotEntities = drafts.flatMap((d) => (d.slots ? [{ ...d.slots, split: splitOf(d.family) }] : []));
  return { examples, slotEntities };
}
