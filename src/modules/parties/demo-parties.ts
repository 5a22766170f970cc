import { composeIBAN, isValidIBAN } from 'ibantools';
import type { Actor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { activeAccountsByCode } from '../ledger/index.ts';
import { checkDraft, type PartyDraft } from './party-input.ts';
import { loadParty } from './party-model.ts';
import { checkTaxId } from './tax-id.ts';
import { writeParty } from './write-party.ts';

// Sample customers and suppliers for the demo company. The names, ids and bank accounts are made up;
// the ids and IBANs are computed to pass the same checks a user's would (check digits included).

const CIF_LETTERS = 'JABCDEFGHI';
const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** A Spanish company id (CIF) for a form letter and 7 digits, with its control digit. */
function cif(letter: string, digits: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i]);
    if (i % 2 === 1) sum += d;
    else sum += Math.floor((d * 2) / 10) + ((d * 2) % 10);
  }
  const control = (10 - (sum % 10)) % 10;
  return `${letter}${digits}${'PQRSW'.includes(letter) ? CIF_LETTERS[control] : control}`;
}

/** A Spanish person's id (NIF) for 8 digits, with its letter. */
const nif = (digits: string) => `${digits}${NIF_LETTERS[Number(digits) % 23]}`;

/** The first VAT number at or after `start` that passes the country's check digits. */
function vatFrom(country: string, start: number, width: number): string {
  for (let n = start; n < start + 1000; n++) {
    const candidate = String(n).padStart(width, '0');
    const result = checkTaxId(country, candidate);
    if (result.ok) return result.taxId;
  }
  throw new Error(`no valid ${country} VAT number near ${start}`);
}

/** A Spanish IBAN for a bank, branch and account, with its national and IBAN check digits. */
function spanishIban(bank: string, branch: string, account: string): string {
  for (let dc = 0; dc < 100; dc++) {
    const iban = composeIBAN({ countryCode: 'ES', bban: `${bank}${branch}${String(dc).padStart(2, '0')}${account}` });
    if (iban && isValidIBAN(iban)) return iban;
  }
  throw new Error('no valid Spanish IBAN');
}

interface Sample {
  roles: 'customer' | 'supplier' | 'both';
  legalName: string;
  tradeName?: string;
  taxCountry: string;
  taxId: string;
  city: string;
  postalCode?: string;
  line1: string;
  country?: string;
  email: string;
  terms: string;
  currency?: string;
  iban?: string;
  contact?: [string, string];
}

function samples(): Sample[] {
  const es = (s: Omit<Sample, 'taxCountry'>): Sample => ({ ...s, taxCountry: 'ES' });
  return [
    es({
      roles: 'customer',
      legalName: 'Hostelería del Sur, S.L.',
      tradeName: 'Casa Lola',
      taxId: cif('B', '4102381'),
      city: 'Sevilla',
      postalCode: '41001',
      line1: 'Calle Sierpes 12',
      email: 'admin@casalola.example',
      terms: '30 days',
      contact: ['Lola Martín', 'Gerente'],
    }),
    es({
      roles: 'customer',
      legalName: 'Clínica Dental Arganzuela, S.L.P.',
      taxId: cif('B', '8765432'),
      city: 'Madrid',
      postalCode: '28045',
      line1: 'Paseo de las Delicias 30',
      email: 'facturas@dentalarganzuela.example',
      terms: '30 days',
    }),
    es({
      roles: 'customer',
      legalName: 'Ferretería Industrial Bilbao, S.A.',
      taxId: cif('A', '4800123'),
      city: 'Bilbao',
      postalCode: '48001',
      line1: 'Gran Vía de Don Diego López de Haro 5',
      email: 'compras@ferrebilbao.example',
      terms: '60 days',
      contact: ['Iñaki Etxeberria', 'Compras'],
    }),
    es({
      roles: 'customer',
      legalName: 'Supermercados Levante, S.A.',
      taxId: cif('A', '4600987'),
      city: 'Valencia',
      postalCode: '46002',
      line1: 'Calle de Colón 40',
      email: 'proveedores@superlevante.example',
      terms: '60 days',
    }),
    es({
      roles: 'customer',
      legalName: 'Farmacia Núñez Ortega, C.B.',
      taxId: cif('E', '1500456'),
      city: 'A Coruña',
      postalCode: '15003',
      line1: 'Rúa Real 18',
      email: 'farmacia@nunezortega.example',
      terms: 'Immediate',
    }),
    es({
      roles: 'customer',
      legalName: 'Consultoría Ebro, S.L.',
      taxId: cif('B', '5000321'),
      city: 'Zaragoza',
      postalCode: '50001',
      line1: 'Paseo de la Independencia 8',
      email: 'admin@consultoriaebro.example',
      terms: '30 days',
    }),
    es({
      roles: 'customer',
      legalName: 'Talleres Mecánicos Gómez, S.L.',
      taxId: cif('B', '2900777'),
      city: 'Málaga',
      postalCode: '29002',
      line1: 'Avenida de Andalucía 22',
      email: 'taller@gomezmecanica.example',
      terms: '50% now, 50% in 60 days',
    }),
    es({
      roles: 'customer',
      legalName: 'Colegio Santa Marta',
      taxId: cif('R', '0800555'),
      city: 'Barcelona',
      postalCode: '08021',
      line1: 'Carrer de Muntaner 250',
      email: 'administracion@santamarta.example',
      terms: '30 days',
    }),
    es({
      roles: 'customer',
      legalName: 'María José Fernández Ruiz',
      taxId: nif('45123456'),
      city: 'Granada',
      postalCode: '18001',
      line1: 'Calle Recogidas 3, 2º B',
      email: 'mjfernandez@correo.example',
      terms: 'Immediate',
    }),
    es({
      roles: 'customer',
      legalName: 'Javier Pérez Soto',
      taxId: nif('52987654'),
      city: 'Valladolid',
      postalCode: '47001',
      line1: 'Calle Santiago 15',
      email: 'javier.perez@correo.example',
      terms: 'Immediate',
    }),
    es({
      roles: 'customer',
      legalName: 'Logística Cantábrica, S.L.',
      taxId: cif('B', '3900444'),
      city: 'Santander',
      postalCode: '39001',
      line1: 'Calle Castelar 9',
      email: 'cuentas@logcantabrica.example',
      terms: '60 days',
    }),
    es({
      roles: 'both',
      legalName: 'Imprenta Gráficas Tajo, S.L.',
      taxId: cif('B', '4500888'),
      city: 'Toledo',
      postalCode: '45001',
      line1: 'Calle Comercio 27',
      email: 'hola@graficastajo.example',
      terms: '30 days',
      iban: spanishIban('2100', '1234', '0200123456'),
    }),
    {
      roles: 'customer',
      legalName: 'Boulangerie Dupont SARL',
      taxCountry: 'FR',
      taxId: vatFrom('FR', 40303265045, 11),
      city: 'Lyon',
      postalCode: '69002',
      line1: '12 Rue de la République',
      country: 'FR',
      email: 'compta@dupont.example',
      terms: '30 days',
    },
    {
      roles: 'customer',
      legalName: 'Weber Haushaltswaren GmbH',
      taxCountry: 'DE',
      taxId: vatFrom('DE', 136695970, 9),
      city: 'München',
      postalCode: '80331',
      line1: 'Marienplatz 4',
      country: 'DE',
      email: 'buchhaltung@weber.example',
      terms: '30 days',
      contact: ['Anna Weber', 'Buchhaltung'],
    },
    {
      roles: 'customer',
      legalName: 'Rossi Forniture S.r.l.',
      taxCountry: 'IT',
      taxId: vatFrom('IT', 743110150, 11),
      city: 'Milano',
      postalCode: '20121',
      line1: 'Via Manzoni 10',
      country: 'IT',
      email: 'amministrazione@rossi.example',
      terms: '60 days',
    },
    {
      roles: 'customer',
      legalName: 'Tavares & Filhos, Lda.',
      taxCountry: 'PT',
      taxId: vatFrom('PT', 501964840, 9),
      city: 'Porto',
      postalCode: '4000-322',
      line1: 'Rua de Santa Catarina 100',
      country: 'PT',
      email: 'geral@tavares.example',
      terms: '30 days',
    },
    {
      roles: 'customer',
      legalName: 'Van Dijk Retail B.V.',
      taxCountry: 'NL',
      taxId: '004495445B01',
      city: 'Rotterdam',
      postalCode: '3011 AA',
      line1: 'Coolsingel 40',
      country: 'NL',
      email: 'finance@vandijk.example',
      terms: '30 days',
    },
    {
      roles: 'customer',
      legalName: 'Harbour Outfitters Ltd',
      taxCountry: 'GB',
      taxId: vatFrom('GB', 980780680, 9),
      city: 'Bristol',
      postalCode: 'BS1 4DJ',
      line1: '8 Queen Square',
      country: 'GB',
      email: 'accounts@harbour.example',
      terms: '30 days',
      currency: 'GBP',
    },
    {
      roles: 'customer',
      legalName: 'Sunrise Wellness Inc.',
      taxCountry: 'US',
      taxId: '981234567',
      city: 'Austin',
      postalCode: '78701',
      line1: '500 Congress Ave',
      country: 'US',
      email: 'ap@sunrisewellness.example',
      terms: 'Immediate',
      currency: 'USD',
    },
    {
      roles: 'customer',
      legalName: 'Distribuidora Azteca, S.A. de C.V.',
      taxCountry: 'MX',
      taxId: 'DAZ010203AB1',
      city: 'Guadalajara',
      postalCode: '44100',
      line1: 'Av. Juárez 200',
      country: 'MX',
      email: 'pagos@azteca.example',
      terms: '60 days',
      currency: 'USD',
    },
    es({
      roles: 'supplier',
      legalName: 'Papelería y Suministros Castilla, S.L.',
      taxId: cif('B', '0900111'),
      city: 'Burgos',
      postalCode: '09003',
      line1: 'Calle Vitoria 45',
      email: 'ventas@papeleriacastilla.example',
      terms: '30 days',
      iban: spanishIban('0049', '1500', '0512345678'),
    }),
    es({
      roles: 'supplier',
      legalName: 'Eléctrica Comercializadora Peninsular, S.A.',
      taxId: cif('A', '2800999'),
      city: 'Madrid',
      postalCode: '28046',
      line1: 'Paseo de la Castellana 150',
      email: 'empresas@ecpeninsular.example',
      terms: 'Immediate',
      iban: spanishIban('0182', '2370', '0201234567'),
    }),
    es({
      roles: 'supplier',
      legalName: 'Telecomunicaciones Meseta, S.A.',
      taxId: cif('A', '3700222'),
      city: 'Salamanca',
      postalCode: '37001',
      line1: 'Plaza Mayor 1',
      email: 'facturacion@telmeseta.example',
      terms: 'Immediate',
      iban: spanishIban('2085', '4500', '0330123456'),
    }),
    es({
      roles: 'supplier',
      legalName: 'Asesoría Laboral Ramírez, S.L.P.',
      taxId: cif('B', '1400333'),
      city: 'Córdoba',
      postalCode: '14001',
      line1: 'Avenida del Gran Capitán 20',
      email: 'despacho@ramirez.example',
      terms: '30 days',
      contact: ['Pilar Ramírez', 'Socia'],
    }),
    es({
      roles: 'supplier',
      legalName: 'Transportes Hermanos Ibáñez, S.L.',
      taxId: cif('B', '3000666'),
      city: 'Murcia',
      postalCode: '30001',
      line1: 'Gran Vía Escultor Salzillo 11',
      email: 'trafico@ibaneztrans.example',
      terms: '60 days',
      iban: spanishIban('3058', '0990', '2712345678'),
    }),
    es({
      roles: 'supplier',
      legalName: 'Limpiezas Brillo, S.L.',
      taxId: cif('B', '3300123'),
      city: 'Oviedo',
      postalCode: '33003',
      line1: 'Calle Uría 60',
      email: 'administracion@limpiezasbrillo.example',
      terms: '30 days',
    }),
    es({
      roles: 'supplier',
      legalName: 'Alquileres de Oficinas Centro, S.A.',
      taxId: cif('A', '2800345'),
      city: 'Madrid',
      postalCode: '28013',
      line1: 'Calle de Alcalá 60',
      email: 'inquilinos@oficinascentro.example',
      terms: 'Immediate',
      iban: spanishIban('0081', '0200', '0101234567'),
    }),
    {
      roles: 'supplier',
      legalName: 'Nordic Software AB',
      taxCountry: 'SE',
      taxId: vatFrom('SE', 556703748500, 12),
      city: 'Stockholm',
      postalCode: '111 57',
      line1: 'Drottninggatan 50',
      country: 'SE',
      email: 'billing@nordicsoftware.example',
      terms: '30 days',
    },
    {
      roles: 'supplier',
      legalName: 'Keller Verpackungen GmbH',
      taxCountry: 'DE',
      taxId: vatFrom('DE', 811569860, 9),
      city: 'Hamburg',
      postalCode: '20095',
      line1: 'Mönckebergstraße 7',
      country: 'DE',
      email: 'rechnungen@keller.example',
      terms: '60 days',
    },
    {
      roles: 'supplier',
      legalName: 'Cloud Hosting Europe Ltd',
      taxCountry: 'IE',
      taxId: '6388047V',
      city: 'Dublin',
      postalCode: 'D02 X285',
      line1: '1 Grand Canal Square',
      country: 'IE',
      email: 'invoices@cloudhosting.example',
      terms: 'Immediate',
    },
  ];
}

/**
 * Gives the demo company its sample customers and suppliers, once: a company that has any party already
 * (the demo after its first start, or one the user filled) is left alone.
 */
export async function seedDemoParties(db: Database, companyId: string, actor: Actor): Promise<void> {
  await db.tenant(companyId, async (tx) => {
    // Two processes starting at once seed once.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('trastienda.demo.parties:' || $1::text, 0))`, [companyId]);
    const [any] = await tx.query('SELECT 1 FROM parties WHERE company_id = $1 LIMIT 1', [companyId]);
    if (any) return;
    const [company] = await tx.query<{ base_currency: string }>('SELECT base_currency FROM companies WHERE id = $1', [companyId]);
    const terms = new Map(
      (await tx.query<{ id: string; name: string }>('SELECT id, name FROM payment_terms WHERE company_id = $1', [companyId])).map((t) => [
        t.name,
        t.id,
      ]),
    );
    // The Spanish chart's customers, suppliers, sales and purchases accounts, where the chart has them.
    const accounts = await activeAccountsByCode(tx, companyId, ['430', '400', '700', '600']);
    for (const s of samples()) {
      const customer = s.roles !== 'supplier';
      const supplier = s.roles !== 'customer';
      const country = s.country ?? 'ES';
      const draft: PartyDraft = {
        isCustomer: customer,
        isSupplier: supplier,
        legalName: s.legalName,
        tradeName: s.tradeName ?? null,
        taxCountry: s.taxCountry,
        taxId: s.taxId,
        email: s.email,
        phone: null,
        website: null,
        language: country === 'ES' || country === 'MX' ? 'es' : 'en',
        currency: s.currency ?? company?.base_currency ?? 'EUR',
        paymentTermsId: terms.get(s.terms) ?? null,
        receivableAccountId: customer ? (accounts.get('430') ?? null) : null,
        payableAccountId: supplier ? (accounts.get('400') ?? null) : null,
        incomeAccountId: customer ? (accounts.get('700') ?? null) : null,
        expenseAccountId: supplier ? (accounts.get('600') ?? null) : null,
        iban: s.iban ?? null,
        bic: null,
        notes: null,
        addresses: [
          { kind: 'billing', line1: s.line1, line2: null, city: s.city, postalCode: s.postalCode ?? null, region: null, country },
        ],
        contacts: s.contact ? [{ name: s.contact[0], role: s.contact[1], email: s.email, phone: null }] : [],
      };
      const id = newId();
      await writeParty(tx, companyId, id, await checkDraft(tx, companyId, draft), false);
      const party = await loadParty(tx, companyId, id);
      await appendAudit(tx, companyId, actor, { action: 'parties.party.created', entityType: 'party', entityId: id, after: party });
    }
  });
}
