/**
 * Every audited event type, one documented union (ARCHITECTURE habit 6).
 */
export type AuditAction =
  | 'user.create' // an account was created (never the password)
  | 'user.update' // roles, organisation, display name or active flag changed
  | 'user.unlock' // a security administrator lifted a login delay (a successful login clears it too, noted on auth.login)
  | 'user.password' // a password was changed (hash not recorded)
  | 'auth.login' // a session was opened
  | 'auth.logout' // a session was revoked by its owner
  | 'auth.failed' // a password check failed or was refused during a delay (login or password change); the username, never the password
  | 'auth.delayed' // the lockout: failures reached the schedule and the account (or unknown username) must wait before its next attempt (viewer: 账号锁定)
  | 'organisation.create'
  | 'organisation.update'
  | 'profile.create' // a rule profile (new Measures) was entered
  | 'edition.create'
  | 'edition.schedule' // the edition's deadlines changed
  | 'edition.publishCall' // the call for applications was published
  | 'edition.close'
  | 'edition.delete' // the office deleted a draft edition (never opened)
  | 'edition.phase' // the office moved the edition on to its next phase
  | 'calendar.override' // a working-day override was added or changed
  | 'application.create'
  | 'application.update'
  | 'application.transition' // a lifecycle state change (see application_history)
  | 'file.upload' // a file was attached to an application (bytes stored before the row)
  | 'file.delete' // an application file was withdrawn (soft delete: bytes and reads log kept)
  | 'file.integrity' // a stored file was missing or did not match its sha256 when someone tried to download it
  | 'county.opinion' // a county body signed its recommendation opinion (Art. 14)
  | 'qualification.start' // review tasks were created for the profile's departments (Art. 15)
  | 'qualification.decide' // a department passed or failed an application
  | 'qualification.overrule' // the office overruled a department's objection with a written reason
  | 'decision.record' // a body's decision over a list of applications, before the procedure moves them
  | 'account.register' // an applicant registered itself
  | 'expert.create' // the agency added an expert to its pool
  | 'expert.update' // the agency changed an expert's record
  | 'expert.import' // the agency imported experts from its spreadsheet
  | 'expert.account' // the agency opened a login for an expert
  | 'expert.commitment' // an expert accepted an edition's confidentiality and conflict commitment (Art. 24)
  | 'conflict.declare' // an expert or the agency declared a conflict of interest
  | 'conflict.dismiss' // the agency dismissed a detected conflict as a false positive, with its reason
  | 'panel.solve' // the agency assigned the panels of a stage by the solver
  | 'panel.edit' // the agency changed a panel by hand (member added, removed, leader set)
  | 'scorebook.submit' // an expert submitted a scorebook (then locked)
  | 'consensus.submit' // the group leader submitted the panel's consensus scorebook
  | 'schedule.set' // the agency scheduled an on-site review or a defence
  | 'technical.report' // the agency submitted the technical results report to the office (Art. 8)
  | 'application.view' // an expert opened an application's materials (Art. 24)
  | 'survey.open' // the office opened a candidate's satisfaction survey (Art. 16)
  | 'survey.codes' // a batch of one-time codes was issued (never the codes themselves)
  | 'survey.close' // a survey was closed and its score fixed
  | 'committee.member' // a member was added to or removed from the review committee
  | 'committee.constitute' // the committee was constituted (odd membership, Art. 9)
  | 'committee.recusal' // a member declared a conflict with a candidate and is recused
  | 'committee.session' // a plenary session opened (attendance, quorum) or closed (tally, result)
  | 'ballot.cast' // a member cast a ballot: who and on which candidates, never the choice
  | 'notice.publish' // the office published the public notice of the to-be-awarded list (Art. 17)
  | 'objection.file' // someone filed an objection during the notice
  | 'objection.investigate' // the office recorded its investigation of an objection
  | 'objection.rule' // the office ruled on an objection (upheld or dismissed, with reasons)
  | 'winner.record' // a published winner was recorded (Art. 18)
  | 'results.publish' // the office published the edition's winners
  | 'certificate.issue' // a numbered certificate was issued (Art. 19, 27)
  | 'award.item' // a trophy, plaque or certificate was handed over or recovered
  | 'prize.payment' // prize money was paid or recovered
  | 'prize.usage' // a winner reported the use of its prize money (Art. 21)
  | 'feedback.release' // the office released the feedback reports to the applicants
  | 'case.open' // a supervision case was opened: revocation (Art. 28–29), applicant (Art. 25), expert or staff (Art. 26)
  | 'case.evidence' // evidence was added to a case
  | 'case.verify' // the office recorded the verification and its finding (经查证属实 or not)
  | 'case.propose' // the leadership group proposed revocation to the government, or ruled on an applicant
  | 'case.decide' // the government decided on the revocation
  | 'case.announce' // the revocation was announced to the public
  | 'case.close' // a case ended, with or without a sanction
  | 'expert.disqualify'; // an expert was disqualified for an edition and their scores set aside (Art. 26)
