import type { Migration } from 'kysely';
import * as m2026_11_24_001 from './2026_11_24_001_foundation';
import * as m2026_11_24_002 from './2026_11_24_002_members';
import * as m2026_11_24_003 from './2026_11_24_003_dues';
import * as m2026_11_24_005 from './2026_11_24_005_sepa';
import * as m2026_11_24_006 from './2026_11_24_006_sepa_returns';
import * as m2026_11_24_007 from './2026_11_24_007_dunning';
import * as m2026_11_24_008 from './2026_11_24_008_sepa_debits';
import * as m2026_11_24_009 from './2026_11_24_009_applications';
import * as m2026_11_24_010 from './2026_11_24_010_portal';
import * as m2026_11_25_011 from './2026_11_25_011_donations';
import * as m2026_11_25_014 from './2026_11_25_014_waiver_details';
import * as m2026_11_25_015 from './2026_11_25_015_checkout_claim';
import * as m2026_11_25_017 from './2026_11_25_017_dues_card_links';
import * as m2026_11_25_018 from './2026_11_25_018_claim_reference_checks';
import * as m2026_11_25_019 from './2026_11_25_019_receipts';
import * as m2026_11_26_020 from './2026_11_26_020_grants';
import * as m2026_11_26_021 from './2026_11_26_021_report_indexes';
import * as m2026_11_26_022 from './2026_11_26_022_dashboard_perf';

/**
 * Every migration, by its dated name. A static map (no directory scan) so the same list runs
 * from Node, from a bundled Worker build and from tests.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_24_001_foundation': m2026_11_24_001,
  '2026_11_24_002_members': m2026_11_24_002,
  '2026_11_24_003_dues': m2026_11_24_003,
  '2026_11_24_005_sepa': m2026_11_24_005,
  '2026_11_24_006_sepa_returns': m2026_11_24_006,
  '2026_11_24_007_dunning': m2026_11_24_007,
  '2026_11_24_008_sepa_debits': m2026_11_24_008,
  '2026_11_24_009_applications': m2026_11_24_009,
  '2026_11_24_010_portal': m2026_11_24_010,
  '2026_11_25_011_donations': m2026_11_25_011,
  '2026_11_25_014_waiver_details': m2026_11_25_014,
  '2026_11_25_015_checkout_claim': m2026_11_25_015,
  '2026_11_25_017_dues_card_links': m2026_11_25_017,
  '2026_11_25_018_claim_reference_checks': m2026_11_25_018,
  '2026_11_25_019_receipts': m2026_11_25_019,
  '2026_11_26_020_grants': m2026_11_26_020,
  '2026_11_26_021_report_indexes': m2026_11_26_021,
  '2026_11_26_022_dashboard_perf': m2026_11_26_022,
};
