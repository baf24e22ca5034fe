/**
 * Publicly documented example values. They appear in vendor docs, tutorials and test suites;
 * reporting them would teach reviewers to ignore findings. Compared on the normalised value
 * (digits only for numbers, upper case without spaces for IBANs).
 */

/** AWS's documented example credentials. */
const AWS = ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

/** Payment processors' test card numbers (Stripe, Adyen, Braintree, PayPal documentation). */
const TEST_CARDS = [
  '4242424242424242', '4000056655665556', '4111111111111111', '4012888888881881', '4222222222222',
  '4000000000000002', '4000000000000077', '4000000000000093', '4000000000003220', '4000002500003155',
  '4000000000009995', '4000000000000069', '4000000000000127', '4000000000000119', '4000000000000341',
  '5555555555554444', '2223003122003222', '5200828282828210', '5105105105105100', '5454545454545454',
  '2223000048400011', '5431111111111111', '378282246310005', '371449635398431', '378734493671000',
  '6011111111111117', '6011000990139424', '6011981111111113', '6011000400000000', '3056930009020004',
  '36227206271667', '30569309025904', '38520000023237', '3566002020360505', '3530111333300000',
  '6200000000000005', '6205500000000000004', '6011601160116611', '4917610000000000', '4988080000000000',
];

/** Banks' and standards bodies' documentation IBANs. */
const IBANS = [
  'GB82WEST12345698765432', 'GB29NWBK60161331926819', 'GB33BUKB20201555555555', 'DE89370400440532013000',
  'DE75512108001245126199', 'FR1420041010050500013M02606', 'FR7630006000011234567890189', 'NL91ABNA0417164300',
  'ES9121000418450200051332', 'IT60X0542811101000000123456', 'BE68539007547034', 'CH9300762011623852957',
  'AT611904300234573201', 'NO9386011117947', 'PL61109010140000071219812874', 'SE4550000000058398257466',
  'DK5000400440116243', 'FI2112345600000785', 'IE29AIBK93115212345678', 'PT50000201231234567890154',
  'LU280019400644750000', 'SA0380000000608010167519', 'AE070331234567890123456',
];

/** Widely published sample identifiers (SSA's Woolworth card, gov.uk's NINO sample, tutorial SSNs). */
const IDENTIFIERS = ['078051120', '219099999', '123456789', 'AB123456C', 'QQ123456C'];

/**
 * Vendors' documented sample keys and public-by-design keys: Stripe's test keys, the Firebase
 * SDKs' sample web API keys, and the search-only Algolia key published in Yarn's sources (both
 * allow-listed by gitleaks).
 */
const VENDOR_KEYS = [
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'rk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'AIzaSyabcdefghijklmnopqrstuvwxyz1234567', 'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs', 'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU', 'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0', 'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c', 'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4', 'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM', 'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ', 'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU', 'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw', 'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY', '6fe4476ee5a1832882e326b506d14126',
];

const EXAMPLE_VALUES: ReadonlySet<string> = new Set([...AWS, ...TEST_CARDS, ...IBANS, ...IDENTIFIERS, ...VENDOR_KEYS]);

/**
 * The lengths of the example values. Every candidate is checked and most have a length no example
 * has: testing the length first spares hashing a freshly built string for the set lookup.
 */
const EXAMPLE_LENGTHS: ReadonlySet<number> = new Set([...EXAMPLE_VALUES].map((value) => value.length));

/** True when the normalised value is a publicly documented example. */
export function isExampleValue(normalisedValue: string): boolean {
  return EXAMPLE_LENGTHS.has(normalisedValue.length) && EXAMPLE_VALUES.has(normalisedValue);
}

/** RFC 2606 / RFC 6761 names reserved for documentation and testing. */
export function isExampleDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  return (
    d === 'example.com' || d === 'example.org' || d === 'example.net' ||
    d.endsWith('.example.com') || d.endsWith('.example.org') || d.endsWith('.example.net') ||
    d.endsWith('.example') || d.endsWith('.test') || d.endsWith('.invalid') || d.endsWith('.localhost')
  );
}

