// Data shared by the benchmarks' generators: a deterministic PRNG and the names of the people an
// association like Laissez-passer e.V. has (German, Turkish, Arabic-origin in Latin script).
/** Deterministic pseudo-random numbers (mulberry32): the same file on every run and machine. */
export function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST = [
  ...['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Leonie', 'Paul', 'Hannah', 'Maximilian', 'Jürgen', 'Sabine', 'Ursula', 'Klaus', 'Renate', 'Jörg', 'Björn', 'Käthe', 'Günther', 'Renée'],
  ...['Mehmet', 'Ayşe', 'Emine', 'Mustafa', 'Fatma', 'Hüseyin', 'Zeynep', 'Elif', 'Emre', 'Burak', 'Özlem', 'Gülay', 'Serkan', 'Yasemin', 'Çağla', 'Deniz', 'Can', 'Ümit'],
  ...['Mohammed', 'Ahmad', 'Fatima', 'Aisha', 'Omar', 'Layla', 'Yousef', 'Rania', 'Khaled', 'Mariam', 'Hussein', 'Nour', 'Samir', 'Amal', 'Tariq', 'Abdulrahman', 'Hiba'],
];
export const LAST = [
  ...['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Krüger', 'Weiß', 'Groß', 'Müller-Lüdenscheidt'],
  ...['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek'],
  ...['Al-Hassan', 'Haddad', 'Khoury', 'Nasser', 'Saleh', 'Mansour', 'Abdullah', 'Hamdan', 'Darwish', 'Ibrahim', 'Suleiman', 'Youssef', 'El-Amin', 'Farah', 'Aziz', 'Al-Masri'],
];
export const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße', 'Weserstraße', 'Sonnenallee', 'Karl-Marx-Straße', 'Hermannstraße', 'Oranienstraße', 'Kottbusser Damm', 'Müllerstraße', 'Am Markt', 'Lindenweg', 'Gartenstraße', 'Straße des 17. Juni'];
