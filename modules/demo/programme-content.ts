// The words of the demo's support programme: titles, descriptions, providers, places, the
// knowledge test of the difficult-client trainings and the comments left in evaluations. All of
// it was written for Przystań; the providers and trainers are made up.
import type { QuestionKind } from "../programme/schema.ts";

export const DIFFICULT_CLIENT = {
  title: "Praca z klientem trudnym — deeskalacja konfliktu",
  description:
    "Dwudniowe szkolenie stacjonarne dla pracowników pierwszego kontaktu: jak rozpoznać " +
    "narastającą agresję, jak prowadzić rozmowę, która obniża napięcie (parafraza, " +
    "odzwierciedlenie uczuć, komunikat „ja”), jak zaplanować bezpieczną wizytę w środowisku " +
    "i co robić po zdarzeniu z agresywnym klientem zgodnie z Procedurą pracy z klientem trudnym. " +
    "Ćwiczenia na scenkach z codziennej pracy ośrodka, praca w małych grupach. Przed szkoleniem " +
    "i po nim krótki test wiedzy (5 pytań).",
  learningOutcomes:
    "Po szkoleniu uczestnik: 1) rozpoznaje sygnały narastającej agresji werbalnej i fizycznej; " +
    "2) stosuje techniki deeskalacji werbalnej (parafraza, odzwierciedlenie, komunikat „ja”); " +
    "3) planuje bezpieczną wizytę w środowisku i wie, kiedy ją przerwać; 4) zna kroki " +
    "procedury po zdarzeniu z klientem trudnym (zgłoszenie, dokumentacja, omówienie). " +
    "Kompetencja uzyskana: co najmniej 60% punktów w teście końcowym.",
  passThresholdPercent: 60,
};

export const WEBINAR = {
  title: "Webinarium: granice w relacji z klientem",
  description:
    "Dwugodzinne spotkanie online o stawianiu granic w pracy pomocowej: kiedy zaangażowanie " +
    "zamienia się w przeciążenie, jak odmawiać bez utraty kontaktu z klientem, jak nie zabierać " +
    "pracy do domu. Część psychoedukacyjna i pytania od uczestników na czacie. Link do spotkania " +
    "przyjdzie w potwierdzeniu zapisu.",
};

export const STRESS_TITLES = [
  "Trening radzenia sobie ze stresem",
  "Trening radzenia sobie ze stresem — techniki relaksacyjne",
  "Trening radzenia sobie ze stresem — uważność w pracy pomocowej",
] as const;

export const STRESS_DESCRIPTION =
  "Warsztat w dwóch spotkaniach po cztery godziny, w odstępie tygodnia: skąd bierze się stres " +
  "w pracy socjalnej, jak rozpoznać u siebie pierwsze objawy wypalenia, trening oddechowy " +
  "i relaksacja Jacobsona, plan dbania o siebie na najbliższy miesiąc. Między spotkaniami " +
  "krótkie zadanie do wypróbowania w pracy. Grupa do 14 osób, wygodny strój.";

export const OUTDOOR = {
  title: "Warsztaty wyjazdowe: regeneracja i odporność psychiczna",
  description:
    "Dwa dni poza biurem: techniki terapeutyczne w plenerze (spacer uważności, ćwiczenia " +
    "oddechowe, elementy terapii przyrodą), warsztat odporności psychicznej i wsparcia " +
    "koleżeńskiego w zespole. Wyjazd i powrót zorganizowanym transportem, wyżywienie zapewnione. " +
    "Udział wymaga zgody bezpośredniego przełożonego (dwa dni poza pracą).",
};

export const SUPERVISION = {
  title: (unitName: string) => `Superwizja grupowa — ${unitName}`,
  description:
    "Cykl spotkań superwizyjnych raz na cztery tygodnie dla pracowników socjalnych i " +
    "koordynatorów zespołów: omawianie trudnych przypadków, dzielenie się obciążeniem, praca " +
    "w parach przy najtrudniejszych wizytach. Spotkania zamknięte, treść rozmów pozostaje w grupie.",
  provider: "dr Ewa Lipińska, superwizorka pracy socjalnej",
};

export const WORK_LIFE_BALANCE = {
  title: "Równowaga między pracą a życiem prywatnym (work-life balance)",
  description:
    "Dwudniowe szkolenie dla całego zespołu ośrodka zakończone zaświadczeniem instytucjonalnym: " +
    "gospodarowanie czasem i energią, oddzielanie pracy od domu w małej społeczności, w której " +
    "klienci są sąsiadami, rozmowa o granicach dostępności po godzinach pracy.",
};

/** Providers per centre: the training company, the workshop provider, the outdoor operator. */
export const PROVIDERS = {
  "mopr-gdansk": {
    training: [
      "Centrum Szkoleniowe „Dialog” — Katarzyna Wrzesińska, trenerka interwencji kryzysowej",
      "Centrum Szkoleniowe „Dialog” — Marek Sadowski, mediator i trener deeskalacji",
    ],
    webinar: "Centrum Szkoleniowe „Dialog” — Agnieszka Borowa, psychoterapeutka",
    stress: "Pracownia Psychoedukacji „Równowaga” — Tomasz Lis, psychoterapeuta",
    outdoor: "Fundacja „Na Szlaku” — zespół trenerów terapii przyrodą",
  },
  "mgops-daleszyce": {
    training: ["Kieleckie Centrum Szkoleń Społecznych — Dorota Markiewicz, trenerka"],
    webinar: "Kieleckie Centrum Szkoleń Społecznych — Paweł Zych, psycholog",
    stress: "Pracownia Psychoedukacji „Równowaga” — Tomasz Lis, psychoterapeuta",
    outdoor: "Fundacja „Na Szlaku” — zespół trenerów terapii przyrodą",
  },
} as const;

/** Places per centre and kind: rooms of the centre and venues in or near the city. */
export const PLACES = {
  "mopr-gdansk": {
    training: [
      "Sala szkoleniowa MOPR w Gdańsku, sala 104 (I piętro)",
      "Centrum Pracy Socjalnej nr 3 — sala spotkań",
      "Centrum Pracy Socjalnej nr 7 — sala spotkań",
    ],
    stress: [
      "Sala warsztatowa Działu Wsparcia Rodziny (parter)",
      "Centrum Pracy Socjalnej nr 5 — sala spotkań",
    ],
    outdoor: [
      "Ośrodek szkoleniowo-wypoczynkowy na Wyspie Sobieszewskiej (Gdańsk); wyjazd autokarem spod siedziby MOPR o 8:30",
      "Ośrodek nad jeziorem na Kaszubach; wyjazd autokarem spod siedziby MOPR o 8:00",
    ],
    supervision: "Sala spotkań Centrum Pracy Socjalnej",
  },
  "mgops-daleszyce": {
    training: ["Sala narad MGOPS Daleszyce (I piętro)"],
    stress: ["Sala narad MGOPS Daleszyce (I piętro)"],
    outdoor: ["Ośrodek wypoczynkowy nad zalewem w Cedzynie; wyjazd busem spod ośrodka o 8:30"],
    supervision: "Sala narad MGOPS Daleszyce",
  },
} as const;

export type DemoQuestion = {
  kind: QuestionKind;
  text: string;
  options: { id: string; text: string; correct: boolean }[];
};

/** The knowledge test of the difficult-client trainings: the same five questions before and after. */
export const DIFFICULT_CLIENT_TEST: readonly DemoQuestion[] = [
  {
    kind: "single",
    text: "Klient podnosi głos i podchodzi do Twojego biurka. Co robisz najpierw?",
    options: [
      {
        id: "a",
        text: "Zachowuję bezpieczny dystans i mówię spokojnie, wolniej i ciszej niż klient",
        correct: true,
      },
      { id: "b", text: "Podnoszę głos, żeby klient mnie usłyszał", correct: false },
      { id: "c", text: "Wyjaśniam klientowi, które przepisy właśnie narusza", correct: false },
      { id: "d", text: "Odwracam się i zajmuję dokumentami, aż się uspokoi", correct: false },
    ],
  },
  {
    kind: "multiple",
    text: "Które zachowania zapowiadają narastanie agresji? Zaznacz wszystkie poprawne.",
    options: [
      { id: "a", text: "Zaciśnięte pięści, napięta postawa ciała", correct: true },
      { id: "b", text: "Coraz głośniejsza i szybsza mowa", correct: true },
      { id: "c", text: "Wchodzenie w przestrzeń osobistą rozmówcy", correct: true },
      { id: "d", text: "Pytanie o termin wypłaty świadczenia", correct: false },
    ],
  },
  {
    kind: "single",
    text: "Czym jest parafraza w rozmowie z klientem?",
    options: [
      {
        id: "a",
        text: "Powtórzeniem własnymi słowami tego, co powiedział klient, by sprawdzić, czy dobrze go rozumiem",
        correct: true,
      },
      { id: "b", text: "Oceną zachowania klienta", correct: false },
      { id: "c", text: "Zmianą tematu na mniej drażliwy", correct: false },
      { id: "d", text: "Odczytaniem klientowi decyzji administracyjnej", correct: false },
    ],
  },
  {
    kind: "multiple",
    text: "Co robisz po zdarzeniu z agresywnym klientem zgodnie z procedurą? Zaznacz wszystkie poprawne.",
    options: [
      { id: "a", text: "Zgłaszam zdarzenie przełożonemu i rejestruję je", correct: true },
      { id: "b", text: "Opisuję przebieg zdarzenia w dokumentacji", correct: true },
      {
        id: "c",
        text: "Korzystam z omówienia zdarzenia lub rozmowy z psychologiem",
        correct: true,
      },
      { id: "d", text: "Nikomu nie mówię, żeby nie zaszkodzić klientowi", correct: false },
    ],
  },
  {
    kind: "single",
    text: "Kiedy należy przerwać wizytę w środowisku?",
    options: [
      {
        id: "a",
        text: "Gdy klient grozi przemocą albo czuję, że moje bezpieczeństwo jest zagrożone",
        correct: true,
      },
      { id: "b", text: "Gdy klient nie zgadza się z proponowanym planem pomocy", correct: false },
      { id: "c", text: "Nigdy — wywiad trzeba zawsze dokończyć", correct: false },
      { id: "d", text: "Gdy wywiad trwa dłużej niż godzinę", correct: false },
    ],
  },
];

/** Evaluation comments, by kind of activity; a few fit any activity. */
export const EVALUATION_COMMENTS: Readonly<Record<string, readonly string[]>> = {
  training: [
    "Bardzo praktyczne — scenki wzięte wprost z naszych wizyt w środowisku.",
    "Najbardziej przydała mi się część o planowaniu bezpiecznej wizyty.",
    "Trenerka znała realia pracy w ośrodku, nie było teorii oderwanej od życia.",
    "Za mało czasu na omówienie przypadków, które przynieśliśmy z zespołów.",
    "Chciałabym kontynuacji za pół roku, żeby sprawdzić, co nam wyszło.",
    "Ćwiczenie z parafrazą na początku było trudne, na końcu już naturalne.",
    "Dwa dni to dobra długość, ale sala była za ciasna na ćwiczenia w ruchu.",
  ],
  webinar: [
    "Krótko i konkretnie, przydatne przykłady odmawiania.",
    "Szkoda, że nie było czasu na wszystkie pytania z czatu.",
  ],
  stress_workshop: [
    "Ćwiczenia oddechowe stosuję teraz przed trudnymi rozmowami.",
    "Dobrze, że między spotkaniami było zadanie do wypróbowania w pracy.",
    "Bezpieczna atmosfera, mogłam powiedzieć, co mnie naprawdę obciąża.",
    "Przydałyby się spotkania przypominające co kilka miesięcy.",
    "Relaksacja Jacobsona była dla mnie nowością — polecam.",
    "Godzina rozpoczęcia koliduje z dyżurami, lepiej byłoby po południu.",
  ],
  outdoor_workshop: [
    "Pierwszy raz od dawna naprawdę odpoczęłam, a przy tym czegoś się nauczyłam.",
    "Spacer uważności zrobił na mnie największe wrażenie.",
    "Świetna integracja z osobami z innych działów.",
    "Program pierwszego dnia był zbyt napięty, zabrakło przerw.",
    "Dojazd dobrze zorganizowany, jedzenie bardzo dobre.",
  ],
  supervision: [
    "Superwizja pomaga mi zostawić trudne sprawy w pracy.",
    "Praca w parach przy najtrudniejszych wizytach to najlepsza zmiana w zespole.",
  ],
  any: [
    "Dziękuję, chętnie wezmę udział w kolejnych zajęciach.",
    "Dobra organizacja i jasne informacje przed zajęciami.",
    "Materiały po zajęciach bardzo się przydają.",
  ],
};

/** Why the one revoked certificate of the demo was revoked. */
export const REVOKED_REASON =
  "Wystawione z liczbą godzin zegarowych zamiast dydaktycznych; zastąpione nowym zaświadczeniem.";

/** Why the one cancelled outdoor workshop was cancelled. */
export const CANCELLED_NOTE =
  " Turnus odwołany z powodu ostrzeżenia meteorologicznego; uczestnicy mogli zapisać się na kolejny termin.";
