// Copies node icons (and any other non-TypeScript assets) next to the compiled nodes, as n8n expects.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
for (const dir of ['nodes', 'credentials']) {
	const from = path.join(root, dir);
	if (!fs.existsSync(from)) continue;
	for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.(svg|png|json)$/.test(entry.name)) continue;
		const source = path.join(entry.parentPath ?? entry.path, entry.name);
		const target = path.join(root, 'dist', path.relative(root, source));
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(source, target);
	}
}
