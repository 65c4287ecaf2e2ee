/**
 * Local operating state of a zone over SQLite (compliance.md §6–13): lifecycles as types and the five
 * primitives — Entities, Ownership, Fiscal, Identity, Consent — plus the tensor and agentic stores.
 *
 * Conventions: every write takes `unknown` input, validates it against `schemas/<name>.schema.json`
 * (SCHEMA_INVALID before any SQL), and takes `now` (`YYYY-MM-DDTHH:MM:SSZ`) from the caller; list
 * functions take `{limit, offset}` and return `{items, next_offset?}`. Money is a decimal string with 2
 * fraction digits, computed in integer minor units.
 */
export { ENTITY_STATES, DISSOLUTION_STAGES, SHAREHOLDER_RESOLUTION_BPS, stageMinimumDays, applyEntityEvent, LICENSE_STATES, licenseNextStates, transitionLicense } from './lifecycle.js';
export type { EntityState, DissolutionStage, EntityEvent, EntityLifecycle, LicenseState } from './lifecycle.js';
export { MIGRATION_PHASES, MIGRATION_TERMINAL_FAILURES, COMPENSATION_ACTIONS, isTerminal, startMigration, applyMigrationEvent } from './migration-saga.js';
export type { MigrationPhase, MigrationFailure, MigrationState, CompensationAction, CompensationRecord, MigrationSaga, MigrationEvent } from './migration-saga.js';
export { FILER_STATUSES, TAX_EVENT_TYPES, TAX_CATEGORIES, PAYEE_TYPES, toCents, fromCents, percentToBps, bpsToPercent, parseWithholdingTable, tableApplies, computeWithholding } from './withholding.js';
export type { FilerStatus, TaxEventType, TaxCategory, PayeeType, RateBracket, WithholdingRate, WithholdingRule, WithholdingRateTable, WithholdingInput, WithholdingResult, AppliedBracket } from './withholding.js';
export { withholdingFromRegpack } from './regpack-rates.js';
export type { RegpackWithholding } from './regpack-rates.js';
export { loadZonePacks, zoneWithholding, zoneSanctions, zoneLicenses, licensesOf } from './zone-packs.js';
export type { ZonePacks, ZoneRegpack, ZoneLicensepack, PackLicense } from './zone-packs.js';
export { sanctionsFromRegpack, indexSanctions, matchSanctions, foldName } from './sanctions.js';
export type { SanctionsEntry, SanctionsSnapshot, SanctionsIndex } from './sanctions.js';
export { ID_TYPES, KYC_TIERS, parseNtn, parseCnic, parsePassport, parseDid, parseIdentifier } from './identity-format.js';
export type { IdType, KycTier } from './identity-format.js';
export { pageBounds } from './paging.js';
export type { Page, PageOptions } from './paging.js';
export { assertInput } from './validate.js';
export { formEntity, amendEntity, getEntity, listEntities, transitionEntity, setEntityHalted, assertOperational, entityHistory, addBeneficialOwner, listBeneficialOwners, dissolutionStatus } from './entities.js';
export type { EntityRecord, EntityHistoryEntry, BeneficialOwner } from './entities.js';
export { applyForLicense, getLicense, setLicenseState } from './licenses.js';
export type { License } from './licenses.js';
export { createShareClass, issueShares, transferShares, capTable, listShareLedger } from './ownership.js';
export type { ShareClass, Holding, CapTable, LedgerEntry } from './ownership.js';
export { openAccount, getAccount, listAccounts, payeeTypeOf, makePayment, settlePayment, getPayment, listPayments, listTaxEvents, periodOf, irisStatement, irisCsv } from './fiscal.js';
export type { FiscalAccount, Payment, PaymentStatus, PaymentWithholding, PaymentOptions, TaxEvent, IrisRow, IrisStatement } from './fiscal.js';
export { registerIdentity, getIdentity, setKycTier, linkIdentifier, findByIdentifier, recordAttestation, listAttestations } from './identity.js';
export type { Identity, Attestation } from './identity.js';
export { CONSENT_KINDS, DUAL_CONTROL_SIGNERS, createConsentRequest, decideConsent, getConsent, consentAudit } from './consent.js';
export type { ConsentKind, ConsentStatus, ConsentDecision, ConsentRequest, ConsentAuditEntry } from './consent.js';
export { runTrigger, getAction, listActions, listAudit, authorizeStoredAction, executeAction } from './agentic-store.js';
export type { TriggerRun } from './agentic-store.js';
export { screenSanctions, screenSnapshots, gatherSubjects, evaluateAndStore, loadCells, tensorMatrix, proveStoredCell } from './tensor-store.js';
export type { ScreeningResult, TensorEvaluation, TensorPacks, TensorRow } from './tensor-store.js';
export { beginMigration, stepMigration, getMigration } from './migration-store.js';
export { ASSET_CLASSES, GENESIS_ARTIFACT_TYPE, NO_TENSOR_CELL, requiredDomains, buildGenesis, assetIdOf, genesisAsset, getAsset, listAssets, evaluateAsset, listAssetEvaluations } from './smart-asset.js';
export type { AssetClass, AssetComplianceStatus, GenesisDocument, SmartAsset, AssetFilter, AssetPartyRole, AssetPartyCell, AssetDomainResult, AssetEvaluation } from './smart-asset.js';
export { regulatorSummary } from './regulator-summary.js';
export type { RegulatorSummary, WithholdingTotal } from './regulator-summary.js';
export { fileDispute, advanceDispute, getDispute, listDisputes, addEvidence, openEscrow, getEscrow, releaseEscrow, refundEscrow, recordEnforcement, disputeDetail } from './arbitration.js';
export type { DisputeRecord, DisputeDetail, EvidenceRecord, EscrowRecord, EscrowMovement, EnforcementRecord } from './arbitration.js';
