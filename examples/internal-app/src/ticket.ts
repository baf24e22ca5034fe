/**
 * The support ticket on screen. Every personal detail, key and card number here is made up (the
 * card passes Luhn, the key has AWS's shape) so the scanner has something real-looking to find.
 */
export const ticket = {
  id: 'SUP-48213',
  subject: 'Nightly sync fails since upgrading to 5.2',
  customer: {
    name: 'Maria Jensen',
    company: 'Nordlys Freight ApS',
    email: 'maria.jensen@nordlys-freight.com',
    phone: '+44 20 7946 0321',
    plan: 'Business, 40 seats',
  },
  message:
    "Hi team, since we upgraded to 5.2 on Monday our nightly sync to S3 fails with 'auth rejected'. " +
    'Nothing changed on our side. Could you take a look? Our config is attached.',
  config: ['[sync]', 'region = eu-west-1', 'bucket = nordlys-exports', 'aws_access_key_id = AKIAQ3EGRJ5WZ7KXV4NM', 'schedule = 02:00'].join('\n'),
  billingNote: 'We were also charged twice in May. Please refund one charge to the card we paid with: 4539 1488 0343 6467.',
} as const;

/** The agent's draft, before the assistant helps: no customer data in it. */
export const initialReply = "Thanks for the report, we're looking into the sync problem and will get back to you today.";

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export function renderTicket(container: HTMLElement): void {
  const title = element('h1', `${ticket.id} · ${ticket.subject}`);
  title.id = 'ticket-title';
  const details = element('dl', undefined, 'customer');
  for (const [label, value] of [
    ['Customer', ticket.customer.name],
    ['Company', ticket.customer.company],
    ['Email', ticket.customer.email],
    ['Phone', ticket.customer.phone],
    ['Plan', ticket.customer.plan],
  ] as const) {
    details.append(element('dt', label), element('dd', value));
  }
  container.append(
    title,
    details,
    element('h2', 'Message'),
    element('p', ticket.message),
    element('h2', 'Attached: sync.conf'),
    element('pre', ticket.config),
    element('h2', 'Billing note'),
    element('p', ticket.billingNote),
  );
}
