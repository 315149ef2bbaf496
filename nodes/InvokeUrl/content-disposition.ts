/**
 * The file name of a Content-Disposition header (RFC 6266 §4.3): `filename*` (an RFC 8187 ext-value,
 * charset'language'pct-encoded) wins over `filename`, which is taken as it is, never percent-decoded (a name such
 * as "Q3 growth 100%.pdf" is literal). A malformed `filename*` falls back to `filename`; nothing here throws.
 * Directory parts are dropped so a server cannot name a path.
 */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const params = parseParams(header);
	const extended = params.get('filename*');
	const decoded = extended === undefined ? undefined : decodeExtValue(extended);
	return baseName(decoded ?? params.get('filename'));
}

/** The last path segment of a URL, percent-decoded when that is valid. */
export function fileNameFromUrl(url: string): string | undefined {
	const last = url.split(/[?#]/)[0].split('/').pop();
	if (!last) return undefined;
	return baseName(safeDecode(last) ?? last);
}

function parseParams(header: string): Map<string, string> {
	const out = new Map<string, string>();
	const re = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(header)) !== null) {
		const name = m[1].toLowerCase();
		let value = m[2].trim();
		if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
		if (!out.has(name)) out.set(name, value);
	}
	return out;
}

/** RFC 8187 §3.2: charset "'" [ language ] "'" value-chars; UTF-8 and ISO-8859-1 are the charsets it names. */
function decodeExtValue(value: string): string | undefined {
	const m = /^([A-Za-z0-9!#$&+^_`{}~-]+)'[A-Za-z0-9-]*'((?:%[0-9A-Fa-f]{2}|[A-Za-z0-9!#$&+.^_`|~-])*)$/.exec(value);
	if (!m) return undefined;
	const charset = m[1].toLowerCase();
	if (charset === 'utf-8') return safeDecode(m[2]);
	if (charset === 'iso-8859-1') return m[2].replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return undefined;
}

function safeDecode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

function baseName(name: string | undefined): string | undefined {
	const base = name?.split(/[/\\]/).pop()?.trim();
	return base && base !== '.' && base !== '..' ? base : undefined;
}
