import { z } from 'zod';
import type { Clock } from '../../../platform/clock.ts';
import type { DocumentType } from '../../../platform/documents/document-type.ts';
import type { BlobStore } from '../../../platform/ports/blob-store.ts';
import type { OcrEngine } from '../../../platform/ports/ocr-engine.ts';
import type { TaskFunction } from '../../../platform/ports/workflows.ts';
import { TaskFailure } from '../../../platform/ports/workflows.ts';
import type { KbisConfig } from '../config.ts';
import { readKbisDocument } from '../document/read-kbis-document.ts';
import { runChecks } from '../domain/checks.ts';
import { decide } from '../domain/decide.ts';
import { EMPTY_FIELDS } from '../domain/kbis-fields.ts';
import { parseKbisText } from '../domain/parse-kbis.ts';
import { tamperSignals } from '../domain/tamper.ts';
import { registryLookupFor, type CompanyRegistry, type RegistryLookup } from '../registry/company-registry.ts';
import { applyDecision, type DecisionEffectsDeps } from './decision-effects.ts';
import type { VerificationRow } from './verification-record.ts';

const Input = z.object({ verificationId: z.string() });

/** What the workflow's tasks need. */
export interface TaskDeps extends DecisionEffectsDeps {
  blobs: BlobStore;
  registry: CompanyRegistry;
  ocr: () => Promise<OcrEngine>;
  clock: Clock;
  config: KbisConfig;
}

/**
 * The task functions of the `kbis-verify` workflow (kbis-verify.asl.json), each taking and
 * returning `{verificationId}` (state lives in SQL, not in the execution's payload) and each
 * safe to run twice.
 */
export function verificationTasks(deps: TaskDeps): Record<string, TaskFunction> {
  const load = async (input: unknown): Promise<VerificationRow> => {
    const { verificationId } = Input.parse(input);
    const row = await deps.store.get(verificationId);
    if (!row) throw new TaskFailure('KbisVerificationNotFound', `no verification ${verificationId}`);
    return row;
  };
  const out = (row: VerificationRow) => ({ verificationId: row.id });

  return {
    'kbis-read-document': async (input, ctx) => {
      const row = await load(input);
      const blob = await deps.blobs.get(row.document_key);
      if (!blob) {
        await deps.store.saveReading(row.id, { fields: null, textSource: 'none', confidence: null, tamper: [] });
        return out(row);
      }
      const doc = await readKbisDocument(blob.body, row.document_type as DocumentType, deps.ocr, ctx.signal);
      const fields = doc.readability.source === 'none' ? null : parseKbisText(doc.rows);
      const tamper = doc.pdf ? tamperSignals({ ...doc.pdf, currentTo: fields?.currentTo ?? null, overlaps: doc.overlaps }) : [];
      await deps.store.saveReading(row.id, { fields, textSource: doc.readability.source, confidence: doc.readability.confidence, tamper });
      return out(row);
    },

    // Reached when reading failed for good (OCR crashed, timed out): the case goes to a person.
    'kbis-read-failed': async (input) => {
      const row = await load(input);
      await deps.store.saveReading(row.id, { fields: null, textSource: 'none', confidence: null, tamper: [] });
      return out(row);
    },

    'kbis-check-registry': async (input) => {
      const row = await load(input);
      const lookup = await registryLookupFor(deps.registry, row.extracted?.siren ?? null);
      await deps.store.saveRegistry(row.id, lookup, deps.clock.now());
      return out(row);
    },

    'kbis-decide': async (input) => {
      const row = await load(input);
      if (row.status !== 'pending') return { verificationId: row.id, decision: row.status }; // decided already (an admin, an earlier run)
      const readability = { source: row.text_source ?? 'none', confidence: row.ocr_confidence } as const;
      const holder = await deps.identity.getUser(row.user_id);
      const { rows: elsewhere } = await deps.db.query("SELECT 1 FROM kbis_verifications WHERE siren = $1 AND org_id <> $2 AND status = 'verified' LIMIT 1", [row.siren, row.org_id]);
      const checks = runChecks({
        fields: row.extracted ?? EMPTY_FIELDS,
        readability,
        declared: { siren: row.siren, companyName: row.declared_name },
        submittedAt: row.submitted_at,
        registry: (row.registry as RegistryLookup | null) ?? { outcome: 'unavailable', reason: 'not asked' },
        tamper: (row.tamper as []) ?? [],
        accountHolderName: holder?.name ?? '',
        verifiedElsewhere: elsewhere.length > 0,
        policy: deps.config.policy,
      });
      const { decision, reasons } = decide(checks, readability, { representativeRequired: deps.config.representativeRequired });
      await deps.store.propose(row.id, { decision, checks, reasons });
      return { verificationId: row.id, decision };
    },

    'kbis-apply-decision': async (input) => {
      const row = await load(input);
      // Applied already by an earlier attempt, or an admin decided meanwhile: theirs stands.
      if (row.status !== 'pending' || !row.proposed) return out(row);
      await applyDecision(deps, row, { status: row.proposed, reasons: row.reasons, actor: 'auto', comment: null }, deps.clock.now());
      return out(row);
    },
  };
}
