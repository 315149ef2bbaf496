import type { CrmRecordError } from '../http';
import type { WriteOutcome } from '../sync';

// Per-record codes that mean "try again later", not "this record is wrong".
const RETRIABLE = /^(HTTP_429|HTTP_5\d\d|RATE_LIMITS?|TOO_MANY_REQUESTS|INTERNAL_ERROR|UNKNOWN_OUTCOME|NO_RESULT|ALREADY_MODIFIED)$/;

export function failedOutcome(error: CrmRecordError): WriteOutcome {
	return {
		ok: false,
		code: error.code,
		message: error.message,
		retriable: RETRIABLE.test(error.code),
		...(error.field ? { field: error.field } : {}),
	};
}

/** One outcome for every write of a call that was lost as a whole (e.g. a 412 for the batch). */
export function sameOutcome(count: number, outcome: WriteOutcome): WriteOutcome[] {
	return Array.from({ length: count }, () => ({ ...outcome }));
}
