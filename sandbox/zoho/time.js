'use strict';
// Zoho renders Modified_Time/Created_Time in the user's timezone offset, without milliseconds
// (docs/crm-api-notes.md §2.6: "2019-03-22T11:10:55+05:30").

/** '+05:30' -> 330 (minutes); 'Z' or '+00:00' -> 0. */
function offsetMinutes(offset) {
	if (!offset || offset === 'Z') return 0;
	const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
	if (!m) throw new Error(`bad utcOffset ${offset}`);
	return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function formatZohoTime(ms, offset = '+05:30') {
	const mins = offsetMinutes(offset);
	const local = new Date(Math.floor(ms / 1000) * 1000 + mins * 60000);
	const iso = local.toISOString().slice(0, 19);
	const sign = mins < 0 ? '-' : '+';
	const abs = Math.abs(mins);
	const pad = (n) => String(n).padStart(2, '0');
	return `${iso}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses any ISO 8601 instant with an offset (or Z); NaN when invalid. */
function parseTime(s) {
	if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s.trim())) return NaN;
	return Date.parse(s.trim());
}

module.exports = { formatZohoTime, parseTime, offsetMinutes };
