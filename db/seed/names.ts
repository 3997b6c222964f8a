/**
 * The people around the association: counsellors, volunteers, members and donors with German,
 * Arabic and Turkish names, roughly as in a Berlin association that supports refugees.
 */
export const FIRST_NAMES = {
  german: ['Anna', 'Lena', 'Katharina', 'Julia', 'Sabine', 'Miriam', 'Johanna', 'Friederike', 'Ulrike', 'Jonas', 'Lukas', 'Felix', 'Thomas', 'Stefan', 'Matthias', 'Henrik', 'Jan', 'Christoph'],
  arabic: ['Amina', 'Layla', 'Yasmin', 'Rania', 'Nour', 'Huda', 'Fatima', 'Mariam', 'Omar', 'Khaled', 'Youssef', 'Ahmad', 'Karim', 'Tarek', 'Samir', 'Hassan', 'Rami', 'Bilal'],
  turkish: ['Ayşe', 'Elif', 'Zeynep', 'Emine', 'Derya', 'Aylin', 'Selin', 'Hatice', 'Mehmet', 'Mustafa', 'Emre', 'Murat', 'Cem', 'Kemal', 'Deniz', 'Serkan', 'Burak', 'Yusuf'],
} as const;

export const LAST_NAMES = {
  german: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann'],
  arabic: ['Haddad', 'Al-Khatib', 'Nasser', 'Saleh', 'Mansour', 'Hamdan', 'Khoury', 'Darwish', 'Aziz', 'Barakat', 'Sabbagh', 'Al-Hassan', 'Jaber', 'Kassem'],
  turkish: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Koç', 'Kurt'],
} as const;

export type Origin = keyof typeof FIRST_NAMES;

/** Streets in Kreuzberg and Neukölln with their postal codes. */
export const BERLIN_STREETS: readonly { street: string; postalCode: string }[] = [
  { street: 'Oranienstraße', postalCode: '10999' },
  { street: 'Adalbertstraße', postalCode: '10999' },
  { street: 'Reichenberger Straße', postalCode: '10999' },
  { street: 'Wrangelstraße', postalCode: '10997' },
  { street: 'Skalitzer Straße', postalCode: '10997' },
  { street: 'Sonnenallee', postalCode: '12045' },
  { street: 'Karl-Marx-Straße', postalCode: '12043' },
  { street: 'Weserstraße', postalCode: '12047' },
  { street: 'Hermannstraße', postalCode: '12049' },
];
