#!/usr/bin/python3
# Checks of the Word report for tests/test_docx.cpp, with Debian's python3-docx.
#   docx_check.py valid FILE...            every part well-formed, python-docx opens it, the package is whole
#   docx_check.py facts FILE               prints what the report holds, one "key value" a line
#   docx_check.py words DOCX TEXT          every word of every table cell is whole in the PDF's text (pdftotext -raw)
#   docx_check.py narrow IN OUT            a copy whose first table's Nämndindikator column is 1 cm (the words check must fail on it)
#   docx_check.py template FILE            the template's styles are used (tests with fixtures/mall/kommunmall.docx)
# Exit 0 when the check holds; otherwise the reason on standard error and exit 1.
import collections
import re
import sys
import zipfile
import xml.dom.minidom

import docx
from lxml import etree

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing'
NS = {'w': W, 'wp': WP}
q = lambda n: '{%s}%s' % (W, n)


def fail(msg):
    sys.stderr.write(msg + '\n')
    sys.exit(1)


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def valid(paths):
    for path in paths:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                fail(f'{path}: an entry is damaged')
            names = z.namelist()
            if names[0] != '[Content_Types].xml':
                fail(f'{path}: [Content_Types].xml is not first')
            for n in names:
                if n.endswith('.xml') or n.endswith('.rels'):
                    try:
                        xml.dom.minidom.parseString(z.read(n))
                    except Exception as e:
                        fail(f'{path}: {n} is not well-formed: {e}')
            # Every part has a content type; every relationship's target is there.
            types = etree.fromstring(z.read('[Content_Types].xml'))
            defaults = {e.get('Extension') for e in types if e.tag.endswith('Default')}
            overrides = {e.get('PartName') for e in types if e.tag.endswith('Override')}
            for n in names:
                if '/' + n not in overrides and n.rsplit('.', 1)[-1] not in defaults:
                    fail(f'{path}: {n} has no content type')
            for n in names:
                if not n.endswith('.rels'):
                    continue
                base = n.replace('_rels/', '').rsplit('/', 1)[0] if '/' in n.replace('_rels/', '') else ''
                for r in etree.fromstring(z.read(n)):
                    if r.get('TargetMode') == 'External':
                        continue
                    target = (base + '/' if base else '') + r.get('Target')
                    if target not in names:
                        fail(f'{path}: {n} points to {target}, which is missing')
        d = docx.Document(path)
        if not d.paragraphs:
            fail(f'{path}: no paragraphs')


def facts(path):
    d = docx.Document(path)
    body = part(path, 'word/document.xml')
    out = collections.OrderedDict()
    headings = [p for p in d.paragraphs if p.style.name.lower().startswith('heading')]
    out['heading1'] = next((p.text for p in headings if p.style.name.lower() == 'heading 1'), '')
    for level in range(1, 7):
        out[f'headings{level}'] = sum(1 for p in headings if p.style.name.lower() == f'heading {level}')
    out['tables'] = len(d.tables)
    # Every table: a repeated header row, fixed layout, its columns adding up to the page's text width.
    ok = 0
    for t in body.iter(q('tbl')):
        first = t.find(q('tr'))
        header = first.find(q('trPr')) is not None and first.find(q('trPr')).find(q('tblHeader')) is not None
        fixed = t.find(q('tblPr')).find(q('tblLayout')).get(q('type')) == 'fixed'
        grid = sum(int(g.get(q('w'))) for g in t.find(q('tblGrid')))
        width = int(t.find(q('tblPr')).find(q('tblW')).get(q('w')))
        if header and fixed and grid == width and width in (9638, 14570):
            ok += 1
    out['tables_ok'] = ok
    # Word would join two tables with nothing between them; the body ends with a paragraph.
    with zipfile.ZipFile(path) as z:
        raw = z.read('word/document.xml').decode()
    out['adjacent_tables'] = raw.count('</w:tbl><w:tbl>') + raw.count('</w:tbl><w:sectPr>')
    out['landscape_sections'] = sum(1 for s in body.iter(q('pgSz')) if s.get(q('orient')) == 'landscape')
    notes = part(path, 'word/footnotes.xml')
    out['footnotes'] = sum(1 for f in notes.iter(q('footnote')) if int(f.get(q('id'))) > 0)
    out['footnote_references'] = sum(1 for _ in body.iter(q('footnoteReference')))
    out['noterefs'] = sum(1 for f in body.iter(q('fldSimple')) if 'NOTEREF' in f.get(q('instr')))
    pics = list(body.iter('{%s}docPr' % WP))
    out['pictures'] = len(pics)
    out['pictures_with_alt'] = sum(1 for p in pics if p.get('descr', '').startswith('Diagram: ') and 'Värden:' in p.get('descr', ''))
    with zipfile.ZipFile(path) as z:
        out['media'] = sum(1 for n in z.namelist() if n.startswith('word/media/') and z.read(n)[:8] == b'\x89PNG\r\n\x1a\n')
        out['entry_times'] = ';'.join(sorted({'%04d-%02d-%02d %02d:%02d:%02d' % i.date_time for i in z.infolist()}))
        core = z.read('docProps/core.xml').decode()
        m = re.search(r'<dcterms:created[^>]*>([^<]*)<', core)
        out['created'] = m.group(1) if m else '-'
    text = '\n'.join(p.text for p in d.paragraphs)
    out['judged_goals'] = sum(1 for p in d.paragraphs if p.text.startswith('Nämndmålet bedöms:'))
    out['derivations'] = text.count('Så gjordes bedömningen')
    out['bullets'] = sum(1 for p in d.paragraphs if p.style.name.lower().startswith('list bullet'))
    out['result_runs'] = sum(1 for r in body.iter(q('rStyle')) if r.get(q('val')).startswith('Resultat'))
    for k, v in out.items():
        print(k, v)


# A text's words as the check compares them: split at white space (no-break
# spaces too) and after a hyphen or dash, where a line may break; only words
# with a letter or digit; punctuation around them and a footnote number
# joined to a word's end left out.
PUNCTUATION = '.,:;()[]”“"\'*†'


def words(text):
    out = []
    for token in re.split(r'[\s\u00a0\u202f]+', text):
        for piece in re.split(r'(?<=[-\u2013\u2014])', token):
            piece = piece.strip(PUNCTUATION)
            piece = re.sub(r'(?<=[^\d\s])\d+$', '', piece).strip(PUNCTUATION)
            if re.search(r'\w', piece):
                out.append(piece)
    return out


def all_text(root):
    # Paragraph by paragraph, as the PDF has it.
    return '\n'.join(''.join(t.text or '' for t in p.iter(q('t'))) for p in root.iter(q('p')))


# A word broken over two lines shows in the PDF's text as two pieces: the
# word is then missing there as often as the document has it (a table's
# repeated header row adds to the PDF's count, so this alone could miss a
# broken header), and its pieces are words the document does not have.
def check_words(docx_path, pdf_text_path):
    body = part(docx_path, 'word/document.xml')
    notes = part(docx_path, 'word/footnotes.xml')
    in_doc = collections.Counter(words(all_text(body)) + words(all_text(notes)))
    pdf = collections.Counter(words(open(pdf_text_path, encoding='utf-8').read()))
    cells = set()
    for tc in body.iter(q('tc')):
        cells.update(words(all_text(tc)))
    broken = sorted(w for w in cells if pdf[w] < in_doc[w])
    pieces = sorted(w for w in pdf if w not in in_doc and re.search(r'[^\W\d_]', w))
    if broken or pieces:
        fail(f'{len(broken)} of {len(cells)} words in table cells are not whole in the PDF: ' + ', '.join(broken[:20]) +
             f'; {len(pieces)} pieces of words in the PDF that the document does not have: ' + ', '.join(pieces[:20]))
    print(f'{len(cells)} words in table cells, all whole')


def narrow(src, dst):
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    out = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for info, data in items:
        if info.filename == 'word/document.xml':
            root = etree.fromstring(data)
            t = next(root.iter(q('tbl')))
            column = 2  # Nämndindikator
            grid = t.find(q('tblGrid'))
            old = int(grid[column].get(q('w')))
            grid[column].set(q('w'), '567')
            for tr in t.iter(q('tr')):
                tr.findall(q('tc'))[column].find(q('tcPr')).find(q('tcW')).set(q('w'), '567')
            tblw = t.find(q('tblPr')).find(q('tblW'))
            tblw.set(q('w'), str(int(tblw.get(q('w'))) - old + 567))
            data = etree.tostring(root, xml_declaration=True, encoding='UTF-8', standalone=True)
        out.writestr(info, data)
    out.close()


def template(path):
    body = part(path, 'word/document.xml')
    styles = part(path, 'word/styles.xml')
    by_id = {s.get(q('styleId')): s for s in styles.iter(q('style'))}
    name = lambda i: by_id[i].find(q('name')).get(q('val'))
    used = collections.Counter(p.get(q('val')) for p in body.iter(q('pStyle')))
    runs = collections.Counter(r.get(q('val')) for r in body.iter(q('rStyle')))
    problems = []
    # The template's own styles, by their Swedish ids.
    for sid, want in (('Rubrik1', 'heading 1'), ('Rubrik2', 'heading 2'), ('Rubrik3', 'heading 3'), ('Rubrik4', 'heading 4'),
                      ('Tabellrutnt', 'Table Grid'), ('Punktlista', 'List Bullet'), ('Beskrivning', 'caption')):
        if sid not in by_id or name(sid) != want:
            problems.append(f'{sid} is not the template\'s {want}')
    for sid in ('Rubrik1', 'Rubrik2', 'Rubrik3', 'Rubrik4', 'Punktlista', 'Beskrivning'):
        if used[sid] == 0:
            problems.append(f'no paragraph in {sid}')
    if sum(1 for t in body.iter(q('tblStyle')) if t.get(q('val')) == 'Tabellrutnt') != sum(1 for _ in body.iter(q('tbl'))):
        problems.append('a table not in Tabellrutnt')
    for ours in ('Heading1', 'Heading2', 'Heading3', 'Heading4', 'ListBullet', 'TableGrid', 'Caption'):
        if ours in by_id or used[ours]:
            problems.append(f'our {ours} is there although the template has it')
    # The template's text font and heading colour are in the part written.
    normal = by_id['Normal'].find(q('rPr')).find(q('rFonts'))
    if normal is None or normal.get(q('ascii')) != 'Georgia':
        problems.append('Normal is not in Georgia')
    if by_id['Rubrik1'].find(q('rPr')).find(q('color')).get(q('val')) != '7A1F5C':
        problems.append('Rubrik1 is not plum')
    # Added, since the template lacks them: footnote styles, heading 5 and 6,
    # the results it does not define; its own result style is used.
    for sid, want in (('FootnoteText', 'footnote text'), ('FootnoteReference', 'footnote reference'), ('Heading5', 'heading 5'),
                      ('Heading6', 'heading 6'), ('Tabelltext', 'Tabelltext'), ('ResultatDelvis', 'Resultat delvis uppfyllt'),
                      ('ResultatEjUppfyllt', 'Resultat ej uppfyllt')):
        if sid not in by_id or name(sid) != want:
            problems.append(f'{want} was not added as {sid}')
    if runs['Resultatuppfyllt'] == 0 or runs.get('ResultatUppfyllt'):
        problems.append('the template\'s Resultat uppfyllt is not the one used')
    # The template's list brings its own bullets: no paragraph names ours.
    for p in body.iter(q('p')):
        ppr = p.find(q('pPr'))
        if ppr is not None and ppr.find(q('pStyle')) is not None and ppr.find(q('pStyle')).get(q('val')) == 'Punktlista' and ppr.find(q('numPr')) is not None:
            problems.append('a Punktlista paragraph names a list of its own')
            break
    with zipfile.ZipFile(path) as z:
        if 'word/theme/theme1.xml' not in z.namelist():
            problems.append('the template\'s theme is missing')
    if problems:
        fail('; '.join(problems))
    print('the template\'s styles are used')


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'valid':
        valid(args)
    elif cmd == 'facts':
        facts(args[0])
    elif cmd == 'words':
        check_words(args[0], args[1])
    elif cmd == 'narrow':
        narrow(args[0], args[1])
    elif cmd == 'template':
        template(args[0])
    else:
        fail('unknown command ' + cmd)
