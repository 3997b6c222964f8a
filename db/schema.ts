import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as the app sees it, after the parsers in db/types.ts: bigint -> number,
 * date -> 'YYYY-MM-DD' string, timestamptz -> Date.
 */
type Id = Generated<number>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export type Role = 'admin' | 'treasurer' | 'board' | 'member';
export const ROLES: readonly Role[] = ['admin', 'treasurer', 'board', 'member'];
export type Language = 'de' | 'en';

export interface Purpose {
  /** "der Hilfe für Flüchtlinge" — for "wegen Förderung …" and "nur zur Förderung …" */
  genitive: string;
  /** "die Hilfe für Flüchtlinge" — for the § 60a sentence "Wir fördern nach unserer Satzung …" */
  accusative: string;
}

export type NoticeKind = 'freistellungsbescheid' | 'feststellung_60a';

export interface AssociationTable {
  id: ColumnType<number, never, never>;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  finanzamt: string;
  steuernummer: string;
  notice_kind: NoticeKind;
  notice_date: string;
  notice_year_from: number | null;
  notice_year_to: number | null;
  purposes: Json<Purpose[]>;
  iban: string;
  bic: string | null;
  creditor_id: string | null;
  signature_place: string;
  dues_join_rule: Generated<DuesJoinRule>;
  sepa_version: Generated<'001.08' | '001.02'>;
  prenotification_days: Generated<number>;
  return_fee_to_member: Generated<boolean>;
  dunning_levels: ColumnType<DunningLevel[], string | undefined, string>;
  /** the public donation page: smallest and largest amount, preset buttons (cents) */
  donation_min_cents: Generated<number>;
  donation_max_cents: Generated<number>;
  donation_presets: ColumnType<number[], string | undefined, string>;
  /** Stripe Checkout payment method types offered (e.g. card, sepa_debit) */
  donation_methods: ColumnType<string[], string | undefined, string>;
  /** receipts (spec §9, §11.2, §10): dues deductible; machine procedure reported on; vereinfachter Nachweis */
  member_dues_deductible: Generated<boolean>;
  machine_procedure_notified_on: string | null;
  simplified_proof: Generated<boolean>;
  /** grants: days before a deadline its reminders go out; also to every board member */
  grant_reminder_days: ColumnType<number[], string | undefined, string>;
  grant_reminders_to_board: Generated<boolean>;
  updated_at: Timestamp;
}

export interface DunningLevel {
  /** days after the due date (level 1) or after the previous reminder */
  days: number;
  fee_cents: number;
}

export type DuesJoinRule = 'next_period' | 'pro_rata';
export type FeeInterval = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';
export type MemberStatus = 'applicant' | 'active' | 'left' | 'deceased';
export type PaymentMethod = 'sepa_debit' | 'transfer' | 'card';
export type MemberLanguage = 'de' | 'en' | 'ar' | 'tr';

export interface MembershipTypesTable {
  id: Id;
  name: string;
  fee_cents: number;
  reduced_fee_cents: number | null;
  interval: FeeInterval;
  active: Generated<boolean>;
  created_at: Timestamp;
}

/**
 * A member. Deliberately no field for residence status, nationality or religion: the
 * association's work with people with a Duldung needs none of it, so it is never stored.
 */
export interface MembersTable {
  id: Id;
  member_number: number | null;
  first_name: string;
  last_name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  join_date: string | null;
  exit_date: string | null;
  status: MemberStatus;
  membership_type_id: number;
  reduced_fee: Generated<boolean>;
  payment_method: PaymentMethod;
  payer_member_id: number | null;
  consent_newsletter_on: string | null;
  consent_photos_on: string | null;
  notes: string | null;
  language: Generated<MemberLanguage>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  password_hash: string | null;
  language: Language;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface UserTokensTable {
  id: Id;
  user_id: number;
  purpose: 'invite' | 'password_reset';
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  role: Role;
  token_hash: string;
  token_hint: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Id;
  at: Timestamp;
  email: string;
  ip: string;
}

export interface AuditLogTable {
  id: Id;
  at: Timestamp;
  actor_user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: NullableJson<Record<string, unknown>>;
  after: NullableJson<Record<string, unknown>>;
  request_id: string | null;
}

export interface OutboxTable {
  id: Id;
  created_at: Timestamp;
  template: string;
  language: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sensitive: Generated<boolean>;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  message_id: string | null;
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
}

/**
 * A file sent with a mail; `cid` makes it an inline image the HTML part can show. An EPC-QR
 * code is kept as its payload and drawn when the mail goes out, so a batch of thousands of
 * claim mails stays small and quick to write; a stored file (a receipt PDF) is named by its blob
 * key and read when the mail goes out, so the Doppel is not copied into the outbox.
 */
export type MailAttachment = { filename: string; contentType: string; cid?: string } & ({ contentBase64: string } | { epcQrPayload: string } | { blobKey: string });

export interface RemindersTable {
  id: Id;
  claim_id: number;
  level: number;
  sent_on: string;
  fee_claim_id: number | null;
  outbox_id: number | null;
  created_at: Timestamp;
}

/** A mailed single-use link of the member portal, stored as the SHA-256 of its secret. */
export interface PortalTokensTable {
  id: Id;
  member_id: number;
  purpose: 'login' | 'email_change';
  token_hash: string;
  /** the address to switch to, for 'email_change' */
  new_email: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A member's session in the portal (apart from staff sessions), stored as the SHA-256 of its cookie. */
export interface PortalSessionsTable {
  id: string;
  member_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface DB {
  association: AssociationTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  portal_tokens: PortalTokensTable;
  portal_sessions: PortalSessionsTable;
  membership_types: MembershipTypesTable;
  members: MembersTable;
  dues_runs: DuesRunsTable;
  claims: ClaimsTable;
  payments: PaymentsTable;
  sepa_mandates: SepaMandatesTable;
  sepa_collections: SepaCollectionsTable;
  sepa_debits: SepaDebitsTable;
  sepa_debit_claims: SepaDebitClaimsTable;
  reminders: RemindersTable;
  member_applications: MemberApplicationsTable;
  rate_limit_hits: RateLimitHitsTable;
  donation_purposes: DonationPurposesTable;
  donors: DonorsTable;
  checkout_intents: CheckoutIntentsTable;
  donation_subscriptions: DonationSubscriptionsTable;
  donations: DonationsTable;
  stripe_events: StripeEventsTable;
  donor_portal_tokens: DonorPortalTokensTable;
  donor_portal_sessions: DonorPortalSessionsTable;
  dues_payment_links: DuesPaymentLinksTable;
  blobs: BlobsTable;
  receipt_counters: ReceiptCountersTable;
  receipt_runs: ReceiptRunsTable;
  receipts: ReceiptsTable;
  receipt_items: ReceiptItemsTable;
  funders: FundersTable;
  grant_applications: GrantApplicationsTable;
  grant_status_changes: GrantStatusChangesTable;
  grant_plan_lines: GrantPlanLinesTable;
  grant_funding_sources: GrantFundingSourcesTable;
  grant_deadlines: GrantDeadlinesTable;
  grant_reminders: GrantRemindersTable;
  grant_payments: GrantPaymentsTable;
  grant_expenses: GrantExpensesTable;
  grant_documents: GrantDocumentsTable;
  calendar_feeds: CalendarFeedsTable;
}

export type FunderKind = 'foundation' | 'federal' | 'state' | 'municipal' | 'eu' | 'company' | 'other';

/** A Fördermittelgeber: a foundation, a public programme, a company (api/grants). */
export interface FundersTable {
  id: Id;
  name: string;
  kind: FunderKind;
  programme: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  typical_deadlines: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type GrantStatus =
  | 'idea'
  | 'in_preparation'
  | 'submitted'
  | 'approved'
  | 'partly_approved'
  | 'rejected'
  | 'withdrawn'
  | 'running'
  | 'reporting'
  | 'closed';

/** A funding application (Förderantrag) through its pipeline (api/grants/README.md). */
export interface GrantApplicationsTable {
  id: Id;
  title: string;
  project: string | null;
  funder_id: number;
  responsible_user_id: number | null;
  status: GrantStatus;
  status_since: string;
  submitted_on: string | null;
  requested_cents: number;
  approved_cents: number | null;
  own_contribution_cents: Generated<number>;
  period_from: string | null;
  period_to: string | null;
  conditions: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GrantStatusChangesTable {
  id: Id;
  application_id: number;
  from_status: GrantStatus | null;
  to_status: GrantStatus;
  changed_on: string;
  changed_at: Timestamp;
  changed_by: string;
  note: string | null;
}

export type GrantPlanCategory = 'staff' | 'material' | 'rent' | 'travel' | 'fees' | 'other';

/** A line of the cost plan (Kostenplan). */
export interface GrantPlanLinesTable {
  id: Id;
  application_id: number;
  category: GrantPlanCategory;
  label: string;
  planned_cents: number;
  position: Generated<number>;
}

export type GrantFundingKind = 'this_grant' | 'own_means' | 'other_grant' | 'other';

/** A line of the financing plan (Finanzierungsplan). */
export interface GrantFundingSourcesTable {
  id: Id;
  application_id: number;
  kind: GrantFundingKind;
  label: string;
  planned_cents: number;
  position: Generated<number>;
}

export type GrantDeadlineKind = 'application' | 'drawdown' | 'interim_report' | 'final_report' | 'retention_end' | 'other';

/** A dated obligation of an application: open, done (done_on), or overdue (due_on passed, not done). */
export interface GrantDeadlinesTable {
  id: Id;
  application_id: number;
  kind: GrantDeadlineKind;
  title: string;
  due_on: string;
  done_on: string | null;
  done_by: string | null;
  notes: string | null;
  created_at: Timestamp;
}

/** A reminder of a deadline to one person, at most once per (deadline, days_before, user); -1 = overdue. */
export interface GrantRemindersTable {
  id: Id;
  deadline_id: number;
  days_before: number;
  user_id: number;
  outbox_id: number | null;
  created_at: Timestamp;
}

export interface GrantPaymentsTable {
  id: Id;
  application_id: number;
  received_on: string;
  amount_cents: number;
  reference: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface GrantExpensesTable {
  id: Id;
  application_id: number;
  plan_line_id: number;
  spent_on: string;
  amount_cents: number;
  description: string;
  receipt_ref: string | null;
  created_at: Timestamp;
  created_by: string;
}

/** A file (blob_key, in blobs) or a link (url) kept with an application. */
export interface GrantDocumentsTable {
  id: Id;
  application_id: number;
  title: string;
  blob_key: string | null;
  filename: string | null;
  content_type: string | null;
  byte_size: number | null;
  url: string | null;
  created_at: Timestamp;
  created_by: string;
}

/** The secret of a user's iCal feed (SHA-256); at most one not revoked per user. */
export interface CalendarFeedsTable {
  id: Id;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

/** A stored file (receipt PDF): written once, never changed (api/files). */
export interface BlobsTable {
  key: string;
  content: Uint8Array;
  content_type: string;
  byte_size: number;
  sha256: string;
  created_at: Timestamp;
}

export interface ReceiptCountersTable {
  year: number;
  last_number: number;
}

export type ReceiptRunStatus = 'running' | 'finished' | 'failed';

/** The annual receipt run of one year (api/receipts/run-annual-receipts.ts). */
export interface ReceiptRunsTable {
  id: Id;
  year: number;
  status: ReceiptRunStatus;
  donors_total: number;
  donors_done: Generated<number>;
  receipts_issued: Generated<number>;
  mails_queued: Generated<number>;
  for_post: Generated<number>;
  started_by: string;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
  last_error: string | null;
}

export type ReceiptKind = 'single' | 'sammel' | 'sach';
export type ReceiptDelivery = 'email' | 'post';

/** A Zuwendungsbestätigung as issued: its PDF (the Doppel) is in blobs; never changed or deleted. */
export interface ReceiptsTable {
  id: Id;
  year: number;
  seq: number;
  number: string;
  kind: ReceiptKind;
  donor_id: number | null;
  member_id: number | null;
  recipient_name: string;
  /** address lines joined with newlines */
  recipient_address: string;
  period_from: string;
  period_to: string;
  total_cents: number;
  has_waiver: boolean;
  issued_on: string;
  issued_at: Timestamp;
  issued_by: string;
  delivery: ReceiptDelivery;
  blob_key: string;
  sha256: string;
  replaces_receipt_id: number | null;
  run_id: number | null;
  outbox_id: number | null;
  printed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  review_reason: string | null;
  review_since: Timestamp | null;
}

export type ReceiptItemKind = 'donation' | 'fee' | 'in_kind';

/** A gift (donation) or a paid membership fee (payment) on a receipt; inactive once the receipt is cancelled. */
export interface ReceiptItemsTable {
  id: Id;
  receipt_id: number;
  donation_id: number | null;
  payment_id: number | null;
  item_date: string;
  kind: ReceiptItemKind;
  waiver: boolean;
  amount_cents: number;
  active: Generated<boolean>;
}

/** A purpose or campaign a gift is bound to (Zweckbindung); a gift without one goes where most needed. */
export interface DonationPurposesTable {
  id: Id;
  /** for links and the embed snippet: /donate?purpose=<slug> */
  slug: string;
  name_de: string;
  name_en: string | null;
  name_ar: string | null;
  name_tr: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

/** The person or body a receipt names. An anonymous gift has no donor. */
export interface DonorsTable {
  id: Id;
  name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  email: string | null;
  language: Generated<MemberLanguage>;
  /** the member this donor is (matched by e-mail, name and address, or confirmed by the treasurer) */
  member_id: number | null;
  stripe_customer_id: string | null;
  /** e-mail matched, name or address did not: the treasurer merges or keeps apart */
  proposed_donor_id: number | null;
  proposed_member_id: number | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The donation page's form, kept until Stripe confirms the gift; deleted after 30 days if it never does. */
export interface CheckoutIntentsTable {
  id: Id;
  amount_cents: number;
  interval: DonationInterval;
  purpose_id: number | null;
  email: string;
  name: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  receipt_wanted: boolean;
  anonymous: boolean;
  language: MemberLanguage;
  submission_key: string | null;
  stripe_checkout_session_id: string | null;
  checkout_url: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  /** set while one request creates the Checkout Session (a double click waits for it) */
  checkout_started_at: Timestamp | null;
}

export type DonationInterval = 'once' | 'monthly';
export type DonationSubscriptionStatus = 'incomplete' | 'active' | 'paused' | 'past_due' | 'canceled';

/** A monthly gift: a Stripe subscription; each paid invoice is one donation. */
export interface DonationSubscriptionsTable {
  id: Id;
  donor_id: number | null;
  intent_id: number | null;
  stripe_subscription_id: string;
  stripe_customer_id: string | null;
  amount_cents: number;
  purpose_id: number | null;
  receipt_wanted: boolean;
  language: MemberLanguage;
  status: DonationSubscriptionStatus;
  started_on: string;
  canceled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DonationMethod = 'stripe_card' | 'stripe_sepa' | 'transfer' | 'cash' | 'in_kind';
export type DonationStatus = 'pending' | 'succeeded' | 'failed' | 'refunded' | 'disputed';
export type InKindOrigin = 'business' | 'private' | 'unknown';

export interface DonationsTable {
  id: Id;
  donor_id: number | null;
  subscription_id: number | null;
  donated_on: string;
  amount_cents: number;
  method: DonationMethod;
  purpose_id: number | null;
  status: DonationStatus;
  receipt_wanted: Generated<boolean>;
  /** Aufwandsspende: Verzicht auf Erstattung von Aufwendungen, with the claim waived */
  waiver: Generated<boolean>;
  waived_claim: string | null;
  /** when the waived claim was agreed (before the activity), and how its amount was found */
  waiver_agreed_on: string | null;
  waiver_basis: string | null;
  /** Sachzuwendung: description (age, condition, price), origin, how the value was found */
  in_kind_description: string | null;
  in_kind_origin: InKindOrigin | null;
  in_kind_value_basis: string | null;
  in_kind_documents: boolean | null;
  language: Generated<MemberLanguage>;
  source: 'online' | 'offline';
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_invoice_id: string | null;
  stripe_charge_id: string | null;
  refunded_cents: Generated<number>;
  failure_reason: string | null;
  note: string | null;
  /** when the thank-you mail went to the outbox: never twice */
  thanked_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One Stripe webhook event, stored before it is processed (the inbox). */
export interface StripeEventsTable {
  id: string;
  type: string;
  stripe_created_at: Timestamp;
  /** the verified raw body */
  payload: string;
  received_at: Timestamp;
  status: 'pending' | 'processed' | 'ignored';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  processed_at: Timestamp | null;
}

/** The card payment link of a claim notice: pays what is open of one payer's claims of one dues run. */
export interface DuesPaymentLinksTable {
  id: Id;
  token_hash: string;
  debtor_member_id: number;
  dues_run_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface DonorPortalTokensTable {
  id: Id;
  donor_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface DonorPortalSessionsTable {
  id: string;
  donor_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** One use of a rate-limited public form; the client address only as a hash. */
export interface RateLimitHitsTable {
  bucket: string;
  key_hash: string;
  at: Timestamp;
}

/** An online application (Mitgliedsantrag); the applicant is a member row with status 'applicant'. */
export interface MemberApplicationsTable {
  id: Id;
  member_id: number;
  submitted_at: Timestamp;
  submission_key: string | null;
  /** the mandate as given online, until the treasurer accepts (then sepa_mandates) or declines */
  iban: string | null;
  bic: string | null;
  account_holder: string | null;
  /** the exact mandate text the applicant agreed to: the mandate's evidence */
  mandate_text: string | null;
  accepted_at: Timestamp | null;
  mandate_id: number | null;
}

export interface SepaMandatesTable {
  id: Id;
  member_id: number;
  reference: string;
  signed_on: string;
  iban: string;
  bic: string | null;
  account_holder: string;
  status: 'active' | 'revoked' | 'expired';
  last_collected_on: string | null;
  amended_from_iban: string | null;
  amended_from_reference: string | null;
  revoked_on: string | null;
  revoked_reason: string | null;
  /** the exact text of a mandate given on a web form (application, member portal); null on paper */
  signed_online_text: Generated<string | null>;
  created_at: Timestamp;
}

export interface SepaCollectionsTable {
  id: Id;
  due_date: string;
  status: 'prenotified' | 'exported' | 'booked' | 'cancelled';
  message_id: string | null;
  version: string | null;
  xml: string | null;
  total_cents: number;
  debits: number;
  created_at: Timestamp;
  created_by: string;
  exported_at: Timestamp | null;
  cancelled_at: Timestamp | null;
}

/** One DrctDbtTxInf of a collection: one per mandate and due date, for the sum of its claims. */
export interface SepaDebitsTable {
  id: Id;
  collection_id: number;
  mandate_id: number;
  amount_cents: number;
  sequence_type: 'FRST' | 'RCUR';
  end_to_end_id: string;
  remittance: string;
  prenotified_on: string;
  status: 'pending' | 'collected' | 'returned' | 'cancelled';
  return_reason: string | null;
  return_fee_cents: number | null;
}

/** Which claims a debit collects, and how much of each. */
export interface SepaDebitClaimsTable {
  debit_id: number;
  claim_id: number;
  amount_cents: number;
}

export interface DuesRunsTable {
  id: Id;
  period_from: string;
  period_to: string;
  created_at: Timestamp;
  actor: string;
  claims_created: number;
  amount_created_cents: number;
  claims_skipped: number;
}

export type ClaimStatus = 'open' | 'partly_paid' | 'paid' | 'written_off' | 'returned' | 'submitted';

export interface ClaimsTable {
  id: Id;
  member_id: number;
  debtor_member_id: number;
  membership_type_id: number;
  period_start: string;
  period_end: string;
  label: string;
  due_date: string;
  amount_cents: number;
  paid_cents: Generated<number>;
  status: ClaimStatus;
  prorated: Generated<boolean>;
  dues_run_id: number | null;
  written_off_reason: string | null;
  kind: Generated<'dues' | 'fee'>;
  created_at: Timestamp;
}

export type PaymentMethodRecorded = 'transfer' | 'cash' | 'sepa_debit' | 'card';

export interface PaymentsTable {
  id: Id;
  claim_id: number;
  debtor_member_id: number;
  amount_cents: number;
  paid_on: string;
  method: PaymentMethodRecorded;
  reference: string | null;
  created_at: Timestamp;
  created_by: string;
  reversed_on: string | null;
  reversal_reason: string | null;
}

export type Association = Selectable<AssociationTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type OutboxMail = Selectable<OutboxTable>;
export type MembershipType = Selectable<MembershipTypesTable>;
export type Member = Selectable<MembersTable>;
export type Claim = Selectable<ClaimsTable>;
export type Payment = Selectable<PaymentsTable>;
export type SepaMandate = Selectable<SepaMandatesTable>;
export type SepaCollection = Selectable<SepaCollectionsTable>;
export type DonationPurpose = Selectable<DonationPurposesTable>;
export type Donor = Selectable<DonorsTable>;
export type Donation = Selectable<DonationsTable>;
export type DonationSubscription = Selectable<DonationSubscriptionsTable>;
export type CheckoutIntent = Selectable<CheckoutIntentsTable>;
export type StripeEvent = Selectable<StripeEventsTable>;
export type Receipt = Selectable<ReceiptsTable>;
export type ReceiptItem = Selectable<ReceiptItemsTable>;
export type ReceiptRun = Selectable<ReceiptRunsTable>;
export type Funder = Selectable<FundersTable>;
export type GrantApplication = Selectable<GrantApplicationsTable>;
export type GrantDeadline = Selectable<GrantDeadlinesTable>;
export type GrantPlanLine = Selectable<GrantPlanLinesTable>;
export type GrantFundingSource = Selectable<GrantFundingSourcesTable>;
export type GrantPayment = Selectable<GrantPaymentsTable>;
export type GrantExpense = Selectable<GrantExpensesTable>;
export type GrantDocument = Selectable<GrantDocumentsTable>;
