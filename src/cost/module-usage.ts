import type { Invocation, InvocationKind } from './measured-invocations.ts';
import type { PriceKey } from './price-table.ts';
import type { ModuleName, UsageProfile } from './usage-profile.ts';

/** A billed quantity for one month. */
export interface Quantity {
  price: PriceKey;
  quantity: number;
  what: string;
}

type Invocations = Record<InvocationKind, Invocation>;

const GB = 2 ** 30;
const KB = 2 ** 10;
const MB = 2 ** 20;
// One access line and the function's report line per invocation, as CloudWatch Logs stores them.
const LOG_BYTES_PER_INVOCATION = 1 * KB;
const POINT_BYTES = 32; // one reading in the time-series table, with its index share

/** Lambda requests and arm64 GB-seconds of `n` invocations, billed to the next millisecond. */
function lambda(n: number, inv: Invocation, what: string): Quantity[] {
  return [
    { price: 'lambda_request', quantity: n, what: `${what}: invocations` },
    { price: 'lambda_arm_gb_second', quantity: (n * Math.ceil(inv.duration_ms) * inv.memory_mb) / 1000 / 1024, what: `${what}: ${Math.ceil(inv.duration_ms)} ms × ${inv.memory_mb} MB` },
  ];
}

/** `n` HTTP API calls, each a Lambda invocation of the API handler. */
const apiCalls = (n: number, invocations: Invocations, what: string): Quantity[] => [{ price: 'http_api_request', quantity: n, what }, ...lambda(n, invocations.api_call, what)];

/** Log ingestion of `n` invocations and the steady-state archive they keep for the retention period. */
function logs(n: number, profile: UsageProfile, extraBytes = 0): Quantity[] {
  const gb = (n * (LOG_BYTES_PER_INVOCATION + extraBytes)) / GB;
  return [
    { price: 'cloudwatch_logs_ingest_gb', quantity: gb, what: 'logs ingested' },
    { price: 'cloudwatch_logs_storage_gb_month', quantity: (gb / profile.days_per_month) * profile.retention.logs_days, what: `logs kept ${profile.retention.logs_days} days` },
  ];
}

/** GB-months held at steady state by `perDay` objects of `bytes` kept `days` days. */
const heldGb = (perDay: number, bytes: number, days: number) => (perDay * bytes * days) / GB;

type Recipe<M extends ModuleName> = (usage: NonNullable<UsageProfile['modules'][M]>, profile: UsageProfile, invocations: Invocations) => Quantity[];

// Counts per unit of work follow each module's flow on AWS as DESIGN.md lays it out; the
// comments give what each count is made of.
const recipes: { [M in ModuleName]: Recipe<M> } = {
  kbis(u, p, inv) {
    const v = u.requests_per_day * p.days_per_month;
    const scans = v * u.scan_share; // digital PDFs carry their text: only scans go through OCR
    return [
      ...apiCalls(v * 3, inv, 'upload and two status reads'),
      ...lambda(v, inv.kbis_document, 'ReadDocument task'),
      ...lambda(v * 3, inv.api_call, 'CheckRegistry, Decide, ApplyDecision tasks'),
      { price: 'step_functions_standard_transition', quantity: v * 5, what: 'workflow: 4 tasks and the start' },
      { price: 'textract_detect_text_page', quantity: scans * u.pages_per_document, what: `scanned pages (${Math.round(u.scan_share * 100)} % of extracts)` },
      { price: 's3_put_request', quantity: v, what: 'extract stored' },
      { price: 's3_get_request', quantity: v * 2, what: 'extract read by the workflow' },
      { price: 's3_storage_gb_month', quantity: heldGb(u.requests_per_day, u.document_kb * KB, p.retention.documents_days), what: `extracts kept ${p.retention.documents_days} days` },
      { price: 'dynamodb_write_request_unit', quantity: v * 6, what: 'verification record and its status changes' },
      { price: 'dynamodb_read_request_unit', quantity: v * 6, what: 'status reads' },
      { price: 'eventbridge_event', quantity: v * 2, what: 'submitted, decided' },
      { price: 'sns_publish', quantity: v, what: 'decision notification' },
      { price: 'sns_email', quantity: v, what: 'decision email' },
      { price: 'kms_request', quantity: v * 3, what: 'SSE-KMS on the extract' },
      ...logs(v * 7, p),
    ];
  },
  ocr(u, p, inv) {
    const d = u.requests_per_day * p.days_per_month;
    return [
      { price: 'http_api_request', quantity: d, what: 'document upload' },
      ...lambda(d, inv.ocr_read, 'read while the OCR engine answers'),
      // Certificates are read with AnalyzeDocument queries (the key fields asked by code), ~10× a plain text page.
      { price: 'textract_analyze_queries_page', quantity: d * u.pages_per_document, what: 'pages read with queries' },
      { price: 's3_put_request', quantity: d, what: 'image stored' },
      { price: 's3_get_request', quantity: d, what: 'image read' },
      { price: 's3_storage_gb_month', quantity: heldGb(u.requests_per_day, u.document_kb * KB, p.retention.documents_days), what: `images kept ${p.retention.documents_days} days` },
      { price: 'dynamodb_write_request_unit', quantity: d, what: 'reading stored' },
      { price: 'kms_request', quantity: d * 2, what: 'SSE-KMS on the image' },
      ...logs(d, p),
    ];
  },
  nlp(u, p, inv) {
    const a = u.requests_per_day * p.days_per_month;
    const gb = Math.max(1, Math.ceil(inv.nlp_analysis.memory_mb / 1024)); // serverless endpoints come in whole GB, 1 at least
    return [
      ...apiCalls(a, inv, 'analysis request'),
      { price: 'sagemaker_serverless_gb_second', quantity: (a * inv.nlp_analysis.duration_ms * gb) / 1000, what: `inference: ${inv.nlp_analysis.duration_ms} ms × ${gb} GB` },
      { price: 'sagemaker_serverless_data_gb', quantity: (a * 4 * KB) / GB, what: 'text in, analysis out' },
      { price: 'dynamodb_write_request_unit', quantity: a, what: 'analysis stored' },
      ...logs(a, p),
    ];
  },
  flash(u, p, inv) {
    const j = u.requests_per_day * p.days_per_month;
    return [
      // create, then the agent: job, manifest, firmware and backup URLs, six progress reports, done
      ...apiCalls(j * 12, inv, 'job creation and agent calls'),
      ...lambda(j, inv.api_call, 'workflow task'),
      { price: 'step_functions_standard_transition', quantity: j * 5, what: 'workflow: wait for the agent, choice, end' },
      { price: 's3_get_request', quantity: j, what: 'firmware download' },
      { price: 'internet_transfer_out_gb', quantity: (j * u.firmware_mb * MB) / GB, what: `${u.firmware_mb} MB firmware to the agent` },
      { price: 's3_put_request', quantity: j, what: 'ECU backup upload' },
      { price: 's3_storage_gb_month', quantity: heldGb(u.requests_per_day, u.backup_mb * MB, p.retention.flash_backups_days), what: `backups kept ${p.retention.flash_backups_days} days` },
      { price: 'dynamodb_write_request_unit', quantity: j * 8, what: 'job state and audit entries' },
      { price: 'dynamodb_read_request_unit', quantity: j * 12, what: 'job reads' },
      { price: 'kms_request', quantity: j * 3, what: 'signature and SSE-KMS' },
      { price: 'eventbridge_event', quantity: j * 3, what: 'created, completed, audited' },
      { price: 'sns_publish', quantity: j * 2, what: 'pro and owner notifications' },
      ...logs(j * 13, p, 512),
    ];
  },
  planning(u, p, inv) {
    const s = u.requests_per_day * p.days_per_month;
    const b = u.bookings_per_day * p.days_per_month;
    const o = u.optimiser_runs_per_day * p.days_per_month;
    return [
      { price: 'http_api_request', quantity: s, what: 'slot searches' },
      ...lambda(s, inv.planning_search, 'slot search'),
      ...apiCalls(b * 3, inv, 'book, confirm, read a booking'),
      { price: 'aurora_io_request', quantity: b * 10, what: 'booking transaction' },
      { price: 'scheduler_invocation', quantity: b * 2, what: 'two reminders per booking' },
      { price: 'sns_publish', quantity: b * 3, what: 'booking, reminders' },
      { price: 'sns_mobile_push', quantity: b * 3, what: 'push to the owner' },
      { price: 'sns_email', quantity: b, what: 'confirmation email to the professional' },
      { price: 'eventbridge_event', quantity: b * 2, what: 'booked, confirmed' },
      ...lambda(o, inv.planning_optimiser, 'batch optimiser'),
      { price: 'step_functions_standard_transition', quantity: o * 4, what: 'optimiser workflow' },
      ...logs(s + b * 3 + o, p),
    ];
  },
  affiliation(u, p, inv) {
    const r = u.requests_per_day * p.days_per_month;
    return [
      { price: 'cloudfront_https_request', quantity: r, what: 'redirect at the edge' },
      { price: 'cloudfront_transfer_out_gb', quantity: (r * 1 * KB) / GB, what: '302 answers' },
      { price: 'http_api_request', quantity: r, what: 'origin request' },
      ...lambda(r, inv.redirect, 'redirect'),
      { price: 'dynamodb_read_request_unit', quantity: r * 0.5, what: 'link lookup (eventually consistent)' },
      { price: 'dynamodb_write_request_unit', quantity: r, what: 'click recorded' },
      ...logs(r, p),
    ];
  },
  obd(u, p, inv) {
    const a = u.requests_per_day * p.days_per_month;
    const m = u.devices * u.messages_per_device_per_day * p.days_per_month;
    const pointsPerDay = u.devices * u.messages_per_device_per_day * u.readings_per_message;
    return [
      ...apiCalls(a, inv, 'device and readings API'),
      { price: 'iot_message', quantity: m, what: 'device messages' },
      { price: 'iot_connection_minute', quantity: u.devices * u.connected_hours_per_device_per_day * 60 * p.days_per_month, what: 'device connection minutes' },
      { price: 'iot_rule_triggered', quantity: m, what: 'ingestion rule' },
      { price: 'iot_rule_action', quantity: m, what: 'rule action: the ingestion function' },
      ...lambda(m, inv.obd_message, 'decode and store a message'),
      { price: 'aurora_io_request', quantity: m, what: 'batched time-series writes' },
      { price: 'aurora_storage_gb_month', quantity: heldGb(pointsPerDay, POINT_BYTES, p.retention.device_data_days), what: `readings kept ${p.retention.device_data_days} days` },
      ...logs(a + m, p),
    ];
  },
};

/** The month's billed quantities of one module under the profile. */
export function moduleUsage<M extends ModuleName>(module: M, profile: UsageProfile, invocations: Invocations): Quantity[] {
  const usage = profile.modules[module];
  return usage ? recipes[module](usage, profile, invocations) : [];
}

/** What the platform costs whatever the traffic: database capacity and storage, table storage, keys. */
export function platformUsage(profile: UsageProfile): Quantity[] {
  const hours = profile.days_per_month * 24;
  return [
    { price: 'aurora_acu_hour', quantity: profile.platform.aurora_average_acu * hours, what: `${profile.platform.aurora_average_acu} ACU on average` },
    { price: 'aurora_storage_gb_month', quantity: profile.storage.database_gb, what: 'relational data' },
    { price: 'dynamodb_storage_gb_month', quantity: profile.storage.key_value_gb, what: 'key-value tables' },
    { price: 'kms_key_month', quantity: profile.platform.kms_keys, what: 'customer managed keys' },
  ];
}
