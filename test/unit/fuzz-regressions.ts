/**
 * Documents the fuzzers (and the adversarial run of issue 11) found the fast YAML path or the
 * core getting wrong, kept so that they are replayed first on every run. Add each new failure
 * here with a name that says what it was.
 */
export const regressionDocuments: Record<string, string> = {
  'a lone dash in a flow list is a block list, not the text "-"': 'cohorts: [-]\n',
  'a lone dash before } in a flow mapping': 'a: { k: -}\n',
  'a lone dash after an item in a flow list': 'a: [a, -]\n',
  '2023 and "2023" are one key': 'profile: { 2023: 0.4, "2023": 0.2 }\n',
  '2023 and "2023" as block keys': 'profile:\n  2023: 0.4\n  "2023": 0.2\n',
  'a shallower comment, then a deeper one, after a list item': 'outcomes:\n  - id: a\n    stage: entry\n  # shallower\n      # x\nnext: 1\n',
  'a column-0 comment, then a deeper one, at the end': 'outcomes:\n  - id: a\n    stage: entry\n# col0\n      # x\n',
  'a deeper comment, a shallower one, then a deeper one': 'outcomes:\n  - id: a\n    stage: entry\n      # d\n  # s\n      # x\nnext: 1\n',
  'a column-0 comment before a list item at column 0, after a nested mapping':
    "- \n-\n  k0: 'q'\n# c\n  k1:\n    k0: \"d\"\n    k1:\n      k0: \"d\"\n      # c\n# c\n- [a, b]\n# c\n",
  'a deeper comment after an outcome, before the next': 'outcomes:\n  - id: a\n    baseline: { a: 0.1 }\n      # deeper\n  - id: b\n    title: B\n',
  'an empty last list item after a column-0 comment': '- a\n# c\n- \n',
  'an empty last list item, no space, after a comment': '- a\n# c\n-\n',
  'a character at the very start that leaves a quote open (error past the end)': '"' + 'kind: OutcomeFramework\nid: x\n',
  'an exponent of a billion': 'kind: RateCard\nprices:\n  - outcome: a\n    price: 1e999999999\n',
  'a negative exponent of a billion': 'kind: RateCard\ncaps:\n  total: -1e-999999999\n',
  'prose with half-open ranges': 'notes:\n' + '  - ages in [16, 25) at referral\n'.repeat(250),
  'an apostrophe, then a deep flow list': "title: Children's homes\nlist: " + '['.repeat(5000) + ']'.repeat(5000) + '\n',
};

/** Mutations of the samples (as fuzz.test.ts applies them) that once broke the core. */
export const coreCounterexamples: { sample: string; target: 'framework' | 'rateCard'; steps: { kind: string; at: number; pick: number }[]; found: string }[] = [
  {
    sample: 'pan-london-edge-of-care',
    target: 'rateCard',
    steps: [{ kind: 'insert', at: 2147483636, pick: 2078794880 }, { kind: 'hugeNumber', at: 681558718, pick: 408414155 }, { kind: 'hugeNumber', at: 9, pick: 504308880 }],
    found: 'a profile year written `.inf` (read as "Infinity") made the net present value discount without end: the check hung',
  },
  {
    sample: 'broken',
    target: 'framework',
    steps: [{ kind: 'hugeNumber', at: 28366277, pick: 489094101 }, { kind: 'swapValue', at: 2073213881, pick: 738055827 }, { kind: 'deleteLine', at: 977099284, pick: 0 }],
    found: 'two outcomes without a domain were "both paid entry outcomes in undefined"',
  },
  {
    sample: 'perverse',
    target: 'framework',
    steps: [{ kind: 'swapValue', at: 1886618961, pick: 1268108583 }, { kind: 'insert', at: 0, pick: 400445136 }],
    found: 'a figure of 5e+35 minor units, past where it could be exact',
  },
];
