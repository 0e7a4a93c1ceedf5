// Digits in ads that are not phone numbers. A decoy taken for a number would tie unrelated
// profiles together, so each class is checked alone and right next to a real number (the number
// must be found, the decoy must not be added to it or read on its own).

import { describe, expect, it } from 'vitest';
import { findPhonesInText } from '../../src/normalise/phone.ts';

const e164s = (text: string): string[] => findPhonesInText(text).map((p) => p.e164);

function none(texts: string[]): void {
  for (const t of texts) expect(e164s(t), t).toEqual([]);
}

/** Each decoy before and after a number: only the number comes out. */
function besideNumber(decoys: string[]): void {
  for (const d of decoys) {
    expect(e164s(`${d} 070-174 06 05`), `${d} before`).toEqual(['+46701740605']);
    expect(e164s(`Ring 070-174 06 05 ${d}`), `${d} after`).toEqual(['+46701740605']);
  }
}

describe('decoys: prices', () => {
  const prices = [
    '1 500 kr',
    '2000:-',
    '1500kr/h',
    '2 500 SEK',
    '1.500 kr',
    '1 800,-',
    '€ 200',
    '€150 / 30min',
    '12 000 kronor',
    '3 600 kr',
    '1500/2500/4000',
  ];

  it('takes no price for a number', () => none(prices));

  it('takes no price list', () =>
    none([
      '30 min 1000:-, 1 h 1800:-, 2 h 3200:-, natt 10 000:-',
      '30min-1000kr 60min-1500kr 90min-2200kr',
      'Incall 1500 / outcall 2500 (+ taxi)',
      'one hour 2000, two hours 3500, three hours 5000',
      '19-25 år 1500kr, 26-35 år 2000kr',
    ]));

  it('finds a number written next to a price', () => besideNumber(prices));
});

describe('decoys: times', () => {
  const times = [
    '10-22',
    'kl 10.00-22.00',
    '08:00–23:00',
    '0800-2300',
    '10:00 - 22:00',
    'Kl. 9-21',
    'Öppet 08-17',
    'Tider: 10.30 - 21.30',
    'mellan 08-20',
    '18.00-02.00',
  ];

  it('takes no opening hours for a number', () => none(times));

  it('takes no times that start with a zero, like a Stockholm area code', () =>
    none(['Öppet 08-17 vardagar', 'Telefontid 08 - 16', 'Tillgänglig 02-06', 'Tider 0-24', 'kl 08 - 23 alla dagar']));

  it('finds a number written next to opening hours', () => besideNumber(times));
});

describe('decoys: dates', () => {
  const dates = [
    '2025-11-23',
    '2025.11.23',
    '2025/03/07',
    '01.12.2025',
    '23/11/2025',
    '07-03-2025',
    '05.04.25',
    '07 03 2025',
    '01/04-25',
    '2025-03-07T21:30:00',
  ];

  it('takes no date for a number', () => none(dates));

  it('takes no date ranges or dates with times', () =>
    none(['Ledig 23/11/2025 och 24/11/2025', 'Besöker Malmö 07/03 - 09/03', 'Senast online 23.11.2025 kl 14.35', 'Uppdaterad 2025-11-23 14:05']));

  it('finds a number written next to a date', () => besideNumber(dates));
});

describe('decoys: years', () => {
  const years = ['1998', 'Född 1999', 'Sedan 2015', 'Verksam 2019–2025', '2021 2022 2023 2024', 'Årgång -99'];

  it('takes no year for a number', () => none(years));

  it('finds a number written next to a year', () => besideNumber(years));
});

describe('decoys: ages', () => {
  const ages = ['26 år', 'Ålder: 19', 'Age 27 years', '22 år gammal', '25-65 år', '46 år'];

  it('takes no age for a number', () => none(ages));

  it('takes no age written with measurements', () =>
    none(['Ålder: 19 år, längd 170 cm, vikt 55 kg', 'Age 27 years, 168 cm, 55 kg', 'Mått 90-60-90, BH 75C, skostorlek 38', 'Ålder 46 70 kg 174 cm']));

  it('finds a number written next to an age', () => besideNumber(ages));
});

describe('decoys: postcodes', () => {
  const postcodes = ['123 45 Stockholm', '411 06 Göteborg', 'Postnr 753 20 Uppsala', 'SE-214 21 Malmö', 'Postnummer 41106', '00-950 Warszawa', '00100 Helsinki'];

  it('takes no postcode for a number', () => none(postcodes));

  it('takes no address', () => none(['Storgatan 1, 111 22 Stockholm', 'Postadress: Box 1234, 411 06 Göteborg', 'Gratis parkering, port 1234, lgh 1102']));

  it('finds a number written next to a postcode', () => besideNumber(postcodes));
});

describe('decoys: ids', () => {
  const ids = [
    'ID 4711',
    'Annons-ID: 0012345678',
    'Profil-ID 0701740699',
    'Annonsnummer 0846500450',
    'Kund-ID 0313900650',
    'Medlemsnummer 0701740698',
    'Ref #08123456',
    'ID: #0406280450',
    'Org.nr 556677-8899',
    'Personnummer 19121212-1212',
    'Bankgiro 5050-1055',
    'OCR 0406 2804 5000 1234',
  ];

  it('takes no id, even one that reads as a valid phone number', () => none(ids));

  it('takes no account, card or IBAN number', () =>
    none(['IBAN SE45 5000 0000 0583 9825 7466', 'Kort 4111 1111 1111 1111', 'Kod 0000 0000 0000', 'Swish: 123 456 78 90']));

  it('takes no digits inside hashes, tokens and file names', () =>
    none(['hash 9f86d0818a07017406055b0b822cd15d6c15b0f00a08', 'session=a8f0701740696c2e9', 'Bild: IMG_20250307_0701.jpg', 'UUID 0f1a0701-7406-05aa-bb00-12ab34cd56ef']));

  it('finds a number written after an id', () => {
    for (const id of ids) expect(e164s(`${id}, ring 070-174 06 05`), id).toEqual(['+46701740605']);
  });
});

describe('decoys: not quite numbers', () => {
  it('takes no partial, emergency, short-code, invalid or placeholder number', () =>
    none([
      '070-174',
      '070 174 06',
      'Ring 070-174 ... (resten i sms)',
      'Nummer 070 xxx xx xx, resten i DM',
      'Tel: 112 vid nödsituation',
      'Tel 1177 för vård',
      "Sms:a 'Hej' till 72456",
      '+44 7700 900123',
      'Ange nummer, t.ex. 070-000 00 00',
    ]));
});
