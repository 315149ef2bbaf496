import type { CrmRecordError } from '../http';
import { isRetriableRecordCode } from '../retriable';
import type { WriteOutcome } from '../sync';

export function failedOutcome(error: CrmRecordError): WriteOutcome {
	return {
		ok: false,
		code: error.code,
		message: error.message,
		retriable: isRetriableRecordCode(error.code),
		...(error.field ? { field: error.field } : {}),
	};
}

/** One outcome for every write of a call that was lost as a whole (e.g. a 412 for the batch). */
export function sameOutcome(count: number, outcome: WriteOutcome): WriteOutcome[] {
	return Array.from({ length: count }, () => ({ ...outcome }));
}
