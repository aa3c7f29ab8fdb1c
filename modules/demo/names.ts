// Common Polish first and last names for the demo staff. No real person is meant: the names are
// drawn at random (with a fixed seed) from frequency lists of the population.

// biome-ignore format: a word list reads better packed
export const FEMALE_FIRST_NAMES = [
  "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
  "Magdalena", "Joanna", "Aleksandra", "Monika", "Zofia", "Teresa", "Danuta", "Natalia", "Julia",
  "Karolina", "Marta", "Beata", "Dorota", "Halina", "Jadwiga", "Jolanta", "Iwona", "Grażyna",
  "Paulina", "Justyna", "Renata", "Urszula", "Sylwia", "Agata", "Izabela", "Bożena", "Wiesława",
  "Alicja", "Patrycja", "Kamila", "Emilia", "Weronika", "Dominika", "Edyta", "Hanna", "Irena",
  "Lucyna", "Mirosława", "Żaneta", "Łucja", "Gabriela", "Ilona",
] as const;

// biome-ignore format: a word list reads better packed
export const MALE_FIRST_NAMES = [
  "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław",
  "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz",
  "Zbigniew", "Rafał", "Robert", "Kamil", "Jacek", "Maciej", "Sebastian", "Szymon", "Bartosz",
  "Przemysław", "Artur", "Sławomir", "Jerzy", "Ryszard", "Kazimierz", "Dawid", "Daniel", "Józef",
  "Henryk", "Karol", "Hubert", "Damian",
] as const;

/** In the masculine form; `lastNameFor` gives the feminine one. */
// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
  "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski",
  "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając", "Pawłowski",
  "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski", "Olszewski",
  "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski",
  "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski",
  "Tomaszewski", "Pietrzak", "Marciniak", "Wróblewski", "Zalewski", "Jakubowski", "Jasiński",
  "Zawadzki", "Sadowski", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki",
  "Sokołowski", "Urbański", "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk",
  "Kalinowski", "Lis", "Mazurek", "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak",
  "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej", "Sikorski",
  "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski", "Brzeziński",
  "Makowski", "Ziółkowski", "Przybylski", "Domański", "Nowacki", "Borowski", "Błaszczyk",
  "Chojnacki", "Ciesielski", "Mróz", "Szczepaniak", "Wesołowski", "Górecki", "Krupa",
  "Kaczmarczyk", "Leszczyński", "Lipiński", "Kowalewski", "Urbaniak", "Kozak", "Kania",
  "Mikołajczyk", "Czajkowski", "Mucha", "Tomczak", "Kozieł", "Markowski", "Kowalik", "Nawrocki",
  "Brzozowski", "Janik", "Musiał", "Wawrzyniak", "Markiewicz", "Orłowski", "Tomczyk", "Jarosz",
  "Kołodziejczyk", "Kurek", "Kopeć", "Żak", "Wolski", "Łuczak", "Dziedzic", "Kot", "Stasiak",
  "Stankiewicz", "Piątek", "Jóźwiak", "Urban", "Dobrowolski", "Pawlik", "Kruk", "Domagała",
  "Piasecki", "Wierzbicki", "Karpiński", "Jastrzębski", "Polak", "Zięba", "Janicki", "Wójtowicz",
  "Stefański", "Sosnowski", "Bednarek", "Majchrzak", "Bielecki", "Małecki", "Maj", "Sowa",
  "Milewski", "Gajda", "Klimek", "Olejniczak", "Ratajczak", "Romanowski", "Matuszewski",
  "Śliwiński", "Madej", "Kasprzak", "Wilczyński", "Grzelak", "Socha", "Czajka", "Marek", "Kowal",
  "Bednarczyk", "Skiba", "Wrona", "Owczarek", "Marcinkowski", "Matusiak", "Orzechowski",
  "Sobolewski", "Kędzierski", "Kurowski", "Rogalski", "Grabowiecki",
] as const;

export type Gender = "f" | "m";

/**
 * The surname in the person's gender: adjectival names agree (Kowalski → Kowalska,
 * Czarnecki → Czarnecka); nouns (Nowak, Wróbel, Krupa) are the same for both.
 */
export function lastNameFor(masculine: string, gender: Gender): string {
  if (gender === "m") return masculine;
  if (/[sc]ki$|dzki$/.test(masculine)) return `${masculine.slice(0, -1)}a`;
  return masculine;
}

/** ASCII for an address: "Żaneta Łęcka" → "zaneta", "lecka". */
export function asciiLower(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
