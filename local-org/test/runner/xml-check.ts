/**
 * A small well-formedness checker for the JUnit output (no XML dependency in the project): balanced tags,
 * quoted attributes without raw '<' or '&', known entities, CDATA closed, one root element.
 * Returns the element tree so tests can also read names and attributes.
 */

export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
    return raw.replace(/&([^;]*);|&/g, (match, name: string | undefined) => {
        if (name === undefined || !(name in ENTITIES)) {
            throw new Error(`bad entity "${match}" in ${where}`);
        }
        return ENTITIES[name];
    });
}

export function parseXml(xml: string): XmlElement {
    let pos = 0;
    const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
    const stack: XmlElement[] = [root];
    if (xml.startsWith('<?xml')) {
        const end = xml.indexOf('?>');
        if (end === -1) {
            throw new Error('unterminated XML declaration');
        }
        pos = end + 2;
    }
    while (pos < xml.length) {
        const top = stack[stack.length - 1];
        if (xml.startsWith('<![CDATA[', pos)) {
            const end = xml.indexOf(']]>', pos);
            if (end === -1) {
                throw new Error('unterminated CDATA');
            }
            top.text += xml.slice(pos + 9, end);
            pos = end + 3;
        } else if (xml.startsWith('</', pos)) {
            const end = xml.indexOf('>', pos);
            const name = xml.slice(pos + 2, end).trim();
            if (stack.length < 2 || top.name !== name) {
                throw new Error(`unexpected </${name}> (open: ${top.name})`);
            }
            stack.pop();
            pos = end + 1;
        } else if (xml[pos] === '<') {
            const end = xml.indexOf('>', pos);
            if (end === -1) {
                throw new Error('unterminated tag');
            }
            let body = xml.slice(pos + 1, end);
            const selfClosing = body.endsWith('/');
            if (selfClosing) {
                body = body.slice(0, -1);
            }
            const nameMatch = /^([A-Za-z_][\w.-]*)/.exec(body);
            if (!nameMatch) {
                throw new Error(`bad tag <${body}>`);
            }
            const el: XmlElement = { name: nameMatch[1], attributes: {}, children: [], text: '' };
            let rest = body.slice(nameMatch[1].length);
            const attr = /^\s+([A-Za-z_][\w.-]*)="([^"<]*)"/;
            let m: RegExpExecArray | null;
            while ((m = attr.exec(rest))) {
                if (m[1] in el.attributes) {
                    throw new Error(`duplicate attribute ${m[1]}`);
                }
                el.attributes[m[1]] = decode(m[2], `attribute ${m[1]}`);
                rest = rest.slice(m[0].length);
            }
            if (rest.trim() !== '') {
                throw new Error(`bad attributes in <${body}>: "${rest}"`);
            }
            if (top === root && root.children.length > 0) {
                throw new Error('more than one root element');
            }
            top.children.push(el);
            if (!selfClosing) {
                stack.push(el);
            }
            pos = end + 1;
        } else {
            const next = xml.indexOf('<', pos);
            const raw = xml.slice(pos, next === -1 ? xml.length : next);
            if (top === root && raw.trim() !== '') {
                throw new Error(`text outside the root: "${raw.trim()}"`);
            }
            top.text += decode(raw, `text of ${top.name}`);
            pos = next === -1 ? xml.length : next;
        }
    }
    if (stack.length !== 1) {
        throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
    }
    if (root.children.length !== 1) {
        throw new Error('no root element');
    }
    return root.children[0];
}
