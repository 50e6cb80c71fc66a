// Chinese names for audit actions and entity types: one list in the domain, shared with the Excel export.
export { AUDIT_ACTION_GROUPS, AUDIT_ENTITY_LABELS, auditActionLabel as actionLabel, auditEntityLabel as entityLabel } from '../../domain/audit/labels';
