/**
 * Snippets for the fast-path equivalence test: the shapes analysts write, and the corners
 * where a small YAML reader is most likely to differ from the `yaml` library.
 */
export const fastSnippets: Record<string, string> = {
  'empty file': '',
  'only comments': '# a comment\n\n  # indented\n',
  'scalars of the core schema': 'a: 1\nb: -2\nc: +3\nd: 1.5\ne: .5\nf: 1e3\ng: -1.5E-2\nh: 0x1F\ni: 0o17\nj: .inf\nk: -.Inf\nl: .nan\nm: true\nn: False\no: NULL\np: ~\nq: null\nr: 2024-04-01\ns: 1_000\nt: 12345678901234567890\nu: 007\nv: 1.\nw: yes\nx: 0.10\n',
  'strings that look like other things': 'a: 1,000\nb: £1,000\nc: 50%\nd: http://example.org/a#b\ne: a:b\nf: -x\ng: 12:30\nh: "quoted: yes"\ni: \'it\'\'s\'\nj: "1"\nk: \'\'\nl: ""\n',
  'comments after values': 'a: 1  # one\nb: text # note\nc: "q" # c\nd: [x] # d\ne:   # nothing\nf: 2\n',
  'empty values': 'a:\nb:\n  c:\nd: \n',
  'empty value at the end': 'a: 1\nb:',
  'no final newline': 'a: 1\nb: [x, y]',
  'nested mappings': 'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  'indented root': '  a: 1\n  b:\n    - x\n',
  'lists of mappings': 'items:\n  - id: a\n    n: 1\n  - id: b\n    n: 2\n  -\n    id: c\n  - plain\n  -\n  - [1, 2]\n',
  'compact list under a key': 'a:\n- x\n- y: 1\n  z: 2\nb: 1\n',
  'root list': '- a\n- b: 1\n  c: 2\n- - nested\n',
  'flow collections': 'a: [x, "y", \'z\', 1, 2.5, true, null]\nb: { p: 1 , q: z }\nc: []\nd: {}\ne: [a, [b, c], {d: e}]\nf: {min: 17, max: 18}\ng: { kind: administrative, source: Payroll or HMRC record }\n',
  'quoted keys': '"q k": 1\n\'s k\': 2\n"a/b~c": 3\n',
  'keys that resolve': '1: a\ntrue: b\nnull: c\n1.50: d\n0x10: e\n',
  'literal block scalar': 'a: |\n  line 1\n  line 2\n\n  line 4\nb: 1\n',
  'folded block scalar': 'a: >\n  one\n  two\n\n  three\n\n\nb: >-\n  x\n  y\n',
  'block scalars with comments and ends': 'a:\n  b: |\n    t\n  # c\n    # e\nc: |-\n  end\n# tail\n',
  'block scalar at the end without newline': 'a: |\n  t',
  'block scalar in a list': '- |\n  text\n- >-\n  folded\n  text\n',
  'trailing comments (attached to scalars)': 'a: 1\n\n  # deeper\nb: 2\n',
  'trailing comments (attached to collections)': 'a:\n  b: 1\n    # deeper\n\n  # c\n# d\nc: 2\n',
  'trailing comments after lists': 'a:\n  - x\n    # c\n  # d\n# e\nb: 1\n',
  'trailing comments at the end': 'a:\n  b: 1\n  # c\n',
  'comment lines between entries': 'a: 1\n# about b\nb:\n  # about c\n  c: 2\n',
  'empty value with a comment after': 'a:\n  b: # x\n    # y\n  # z\nc: 1\n',
  'special key names': '__proto__: 1\nconstructor: 2\nhasOwnProperty: 3\n',
  'unicode': 'title: Café — “quotes” ✓\nemoji: 🎉\n',
  'rate card': 'kind: RateCard\nschemaVersion: 1\nid: x\nframework: x.framework.yaml\ncurrency: GBP\npayers: { dfe: 30, council: 70 }\nprices:\n  - outcome: a\n    price: 1000.50\n    maxClaims: unlimited\n',
  // Everything below needs the full parser: the fast path must give way, with the same result.
  'anchors and aliases': 'a: &x 1\nb: *x\n',
  'tags': 'a: !!str 1\n',
  'multi-line plain scalar': 'a: one\n  two\n',
  'multi-line quoted scalar': 'a: "one\n  two"\n',
  'escapes': 'a: "tab\\there"\n',
  'document markers': '---\na: 1\n...\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'directive': '%YAML 1.2\n---\na: 1\n',
  'duplicate key': 'a: 1\nb: 2\na: 3\n',
  'duplicate key in flow': 'a: {x: 1, x: 2}\n',
  'tabs': 'a:\n\tb: 1\n',
  'windows line ends': 'a: 1\r\nb: 2\r\n',
  'bad indentation': 'a:\n  b: 1\n c: 2\n',
  'value after key and colon inside value': 'a: b: c\n',
  'unclosed flow': 'a: [x, y\nb: 1\n',
  'complex key': '? a\n: b\n',
  'merge key': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
  'keep chomping': 'a: |+\n  t\n\nb: 1\n',
  'indentation indicator': 'a: |2\n   t\n',
  'root scalar': 'just text\n',
  'root flow': '[a, b]\n',
  'trailing comma': 'a: [x, y, ]\n',
  'more-indented folded lines': 'a: >\n  x\n    y\n  z\n',
  'scalar on the next line': 'a:\n  value\n',
};

/** Snippets the fast path must read itself (so the equivalence test is not vacuous). */
export const mustBeFast = ['scalars of the core schema', 'strings that look like other things', 'comments after values', 'nested mappings', 'lists of mappings', 'compact list under a key', 'flow collections', 'literal block scalar', 'folded block scalar', 'trailing comments (attached to scalars)', 'trailing comments (attached to collections)', 'rate card', 'quoted keys', 'unicode'];

/** Snippets that must go to the full parser. */
export const mustFallBack = ['anchors and aliases', 'tags', 'multi-line plain scalar', 'document markers', 'two documents', 'duplicate key', 'tabs', 'bad indentation', 'unclosed flow', 'complex key'];
