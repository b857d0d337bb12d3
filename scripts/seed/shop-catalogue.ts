import type { PartnerRole, Tier } from "../../db/schema/enums";

/**
 * The demo catalogue: believable rewards across every hobby category. Each has a product photo in
 * public/images/shop/rewards/<key>.webp, rendered from scripts/shop-photos/scenes/<key>.pov.
 */
export type DemoReward = {
  key: string;
  category: string;
  name: string;
  nameRu: string;
  description: string;
  descriptionRu: string;
  /** The name and description in more languages (lt, hi, fil), saved as content translations. */
  translations?: Partial<Record<"lt" | "hi" | "fil", { name: string; description: string }>>;
  points: number;
  kind?: "physical" | "digital";
  /** Physical: units per option. Digital: codes in the pool. */
  stock: number;
  sizes?: string[];
  colours?: string[];
  tiers?: Tier[];
  roles?: PartnerRole[];
  /** Days from today the offer opens (negative = already open) and how long it lasts. */
  opensInDays?: number;
  lastsDays?: number;
};

/** Where a demo reward's product photo is served from (see scripts/shop-photos/README.md). */
export const rewardPhoto = (key: string) => `/images/shop/rewards/${key}.webp`;

export const DEMO_REWARDS: DemoReward[] = [
  // fishing
  {
    key: "carbon-rod",
    category: "fishing",
    points: 6500,
    stock: 8,
    name: "Telescopic carbon rod, 3.6 m",
    nameRu: "Телескопическое карбоновое удилище, 3,6 м",
    description: "Light carbon rod that packs down to 70 cm: fits behind the seat of a van.",
    descriptionRu: "Лёгкое карбоновое удилище, в сложенном виде 70 см: помещается за сиденьем фургона.",
  },
  {
    key: "tackle-box",
    category: "fishing",
    points: 2400,
    stock: 15,
    name: "Tackle box with 120 lures",
    nameRu: "Ящик для снастей со 120 приманками",
    description: "Two-tier box with spinners, wobblers, hooks and weights sorted for lake and river.",
    descriptionRu: "Двухъярусный ящик: блёсны, воблеры, крючки и грузила для озера и реки.",
  },
  {
    key: "fishing-jacket",
    category: "fishing",
    points: 4800,
    stock: 3,
    sizes: ["S", "M", "L", "XL"],
    name: "Waterproof fishing jacket",
    nameRu: "Непромокаемая куртка рыболова",
    description: "Breathable 10,000 mm membrane, many pockets, a hood that stays put in the wind.",
    descriptionRu: "Дышащая мембрана 10 000 мм, много карманов, капюшон не сдувает ветром.",
  },
  {
    key: "winter-fishing-set",
    category: "fishing",
    points: 3900,
    stock: 10,
    opensInDays: 30,
    lastsDays: 90,
    name: "Winter fishing set",
    nameRu: "Набор для зимней рыбалки",
    description: "Ice drill, folding seat and insulated gloves. Seasonal: on offer in winter only.",
    descriptionRu: "Ледобур, складной стульчик и утеплённые перчатки. Сезонное предложение, только зимой.",
  },
  // gardening
  {
    key: "hedge-trimmer",
    category: "gardening",
    points: 7900,
    stock: 5,
    name: "Volta 18 V cordless hedge trimmer",
    nameRu: "Аккумуляторный кусторез Volta 18 В",
    description: "55 cm blade, runs on the same 18 V batteries as the rest of the Volta range.",
    descriptionRu: "Нож 55 см, работает от тех же аккумуляторов 18 В, что и весь инструмент Volta.",
  },
  {
    key: "raised-bed",
    category: "gardening",
    points: 3200,
    stock: 12,
    name: "Raised garden bed kit",
    nameRu: "Набор для высокой грядки",
    description: "Larch boards and steel corners, 120 × 80 cm, assembled in twenty minutes.",
    descriptionRu: "Доски из лиственницы и стальные уголки, 120 × 80 см, собирается за двадцать минут.",
  },
  {
    key: "herb-seeds",
    category: "gardening",
    points: 600,
    stock: 40,
    name: "Herb seed collection (12 kinds)",
    nameRu: "Коллекция семян пряных трав (12 видов)",
    description: "Basil, thyme, coriander, dill and eight more, with a sowing calendar.",
    descriptionRu: "Базилик, тимьян, кинза, укроп и ещё восемь видов, с календарём посева.",
  },
  // travel
  {
    key: "cabin-suitcase",
    category: "travel",
    points: 5500,
    stock: 4,
    colours: ["Graphite", "Navy", "Red"],
    name: "Cabin suitcase 55 cm",
    nameRu: "Чемодан для ручной клади, 55 см",
    description: "Polycarbonate shell, four spinner wheels, fits every airline's cabin limits.",
    descriptionRu: "Корпус из поликарбоната, четыре колеса, подходит под нормы ручной клади всех авиакомпаний.",
  },
  {
    key: "hotel-weekend",
    category: "travel",
    kind: "digital",
    points: 12000,
    stock: 6,
    tiers: ["gold", "platinum"],
    name: "Hotel weekend for two (voucher)",
    nameRu: "Выходные в отеле на двоих (сертификат)",
    description: "Two nights with breakfast in one of 300 partner hotels. For Gold and Platinum partners.",
    descriptionRu: "Две ночи с завтраком в одном из 300 отелей-партнёров. Для партнёров уровня Gold и Platinum.",
  },
  {
    key: "neck-pillow",
    category: "travel",
    points: 900,
    stock: 30,
    name: "Travel pillow and eye mask",
    nameRu: "Дорожная подушка и маска для сна",
    description: "Memory foam pillow that rolls up into its own pouch.",
    descriptionRu: "Подушка с эффектом памяти, сворачивается в собственный чехол.",
  },
  // sports
  {
    key: "fitness-watch",
    category: "sports",
    points: 6900,
    stock: 6,
    name: "GPS fitness watch",
    nameRu: "Спортивные часы с GPS",
    description: "Heart rate, GPS tracks, a week on one charge.",
    descriptionRu: "Пульсометр, GPS-треки, неделя работы без подзарядки.",
  },
  {
    key: "running-voucher",
    category: "sports",
    kind: "digital",
    points: 4000,
    stock: 20,
    name: "Running shoes voucher, 60 EUR",
    nameRu: "Сертификат на беговые кроссовки, 60 EUR",
    description: "Redeem online or in store at a national sports chain.",
    descriptionRu: "Можно использовать онлайн или в магазинах крупной спортивной сети.",
  },
  {
    key: "football",
    category: "sports",
    points: 1200,
    stock: 25,
    name: "Match football, size 5",
    nameRu: "Футбольный мяч, размер 5",
    description: "Thermo-bonded panels, for grass and artificial turf.",
    descriptionRu: "Термосклеенные панели, для травы и искусственного покрытия.",
  },
  {
    key: "golf-day",
    category: "sports",
    kind: "digital",
    points: 15000,
    stock: 4,
    roles: ["executive", "manager"],
    name: "Golf day with the Volta team",
    nameRu: "День гольфа с командой Volta",
    description: "A day on the course with our regional team, lunch included. For partner owners and managers.",
    descriptionRu: "День на поле с региональной командой Volta, обед включён. Для руководителей и менеджеров партнёров.",
  },
  // cars
  {
    key: "dash-cam",
    category: "cars",
    points: 5200,
    stock: 7,
    name: "Dash camera 1440p",
    nameRu: "Видеорегистратор 1440p",
    description: "Front camera with night mode and parking guard, 64 GB card included.",
    descriptionRu: "Фронтальная камера с ночным режимом и охраной на парковке, карта 64 ГБ в комплекте.",
  },
  {
    key: "car-care",
    category: "cars",
    points: 1800,
    stock: 20,
    name: "Car care kit",
    nameRu: "Набор для ухода за автомобилем",
    description: "Shampoo, wax, microfibre cloths and a wheel brush in a carry bag.",
    descriptionRu: "Шампунь, воск, салфетки из микрофибры и щётка для дисков в сумке.",
  },
  {
    key: "tyre-inflator",
    category: "cars",
    points: 3300,
    stock: 9,
    name: "Cordless tyre inflator",
    nameRu: "Аккумуляторный компрессор для шин",
    description: "Set the pressure, press start, it stops by itself.",
    descriptionRu: "Задайте давление, нажмите «старт» — остановится сам.",
  },
  // cooking
  {
    key: "casserole",
    category: "cooking",
    points: 4600,
    stock: 4,
    colours: ["Red", "Black"],
    name: "Cast-iron casserole, 5 l",
    nameRu: "Чугунная кастрюля, 5 л",
    description: "Enamelled cast iron for the oven, the hob and the table.",
    descriptionRu: "Эмалированный чугун для духовки, плиты и сервировки.",
  },
  {
    key: "knife-set",
    category: "cooking",
    points: 3900,
    stock: 10,
    name: "Chef's knife set",
    nameRu: "Набор поварских ножей",
    description: "Chef's, santoku and paring knives with a magnetic block.",
    descriptionRu: "Поварской нож, сантоку и овощной нож с магнитной подставкой.",
  },
  {
    key: "cooking-class",
    category: "cooking",
    kind: "digital",
    points: 2500,
    stock: 15,
    name: "Online cooking class",
    nameRu: "Онлайн-урок кулинарии",
    description: "Two hours live with a chef; the shopping list arrives a week before.",
    descriptionRu: "Два часа в прямом эфире с шеф-поваром; список продуктов приходит за неделю.",
  },
  // photography
  {
    key: "tripod",
    category: "photography",
    points: 2900,
    stock: 11,
    name: "Compact travel tripod",
    nameRu: "Компактный штатив для путешествий",
    description: "Aluminium, 1.5 m tall, folds to 35 cm, ball head included.",
    descriptionRu: "Алюминий, высота 1,5 м, в сложенном виде 35 см, шаровая головка в комплекте.",
  },
  {
    key: "photo-book",
    category: "photography",
    kind: "digital",
    points: 1500,
    stock: 25,
    name: "Photo book voucher",
    nameRu: "Сертификат на фотокнигу",
    description: "A 40-page hardcover photo book of your pictures.",
    descriptionRu: "Фотокнига в твёрдой обложке на 40 страниц из ваших снимков.",
  },
  {
    key: "instant-camera",
    category: "photography",
    points: 5800,
    stock: 3,
    colours: ["Mint", "White"],
    name: "Instant camera",
    nameRu: "Камера моментальной печати",
    description: "Prints the photo in ninety seconds; two film packs included.",
    descriptionRu: "Печатает фото за девяносто секунд; две кассеты в комплекте.",
  },
  // home and DIY
  {
    key: "drill-driver",
    category: "home-diy",
    points: 8500,
    stock: 6,
    name: "Volta 18 V drill driver kit",
    nameRu: "Набор Volta: дрель-шуруповёрт 18 В",
    description: "Two batteries, charger and a 30-piece bit set in a case.",
    descriptionRu: "Два аккумулятора, зарядное устройство и набор из 30 бит в кейсе.",
  },
  {
    key: "laser-meter",
    category: "home-diy",
    points: 3600,
    stock: 8,
    name: "Laser distance meter, 40 m",
    nameRu: "Лазерный дальномер, 40 м",
    description: "Area and volume at the press of a button, ±2 mm.",
    descriptionRu: "Площадь и объём одним нажатием, точность ±2 мм.",
  },
  {
    key: "workshop-apron",
    category: "home-diy",
    points: 1100,
    stock: 6,
    sizes: ["M", "L", "XL"],
    name: "Canvas workshop apron",
    nameRu: "Фартук для мастерской из канвы",
    description: "Heavy canvas with leather straps and seven pockets.",
    descriptionRu: "Плотная канва, кожаные ремни и семь карманов.",
  },
  // gaming
  {
    key: "controller",
    category: "gaming",
    points: 3400,
    stock: 9,
    name: "Wireless game controller",
    nameRu: "Беспроводной геймпад",
    description: "Works with PC, console and phone; 30 hours per charge.",
    descriptionRu: "Работает с ПК, консолью и телефоном; 30 часов без подзарядки.",
  },
  {
    key: "game-card",
    category: "gaming",
    kind: "digital",
    points: 2500,
    stock: 30,
    name: "Game store gift card, 25 EUR",
    nameRu: "Подарочная карта магазина игр, 25 EUR",
    description: "A code for the online game store of your choice.",
    descriptionRu: "Код для онлайн-магазина игр на ваш выбор.",
  },
  {
    key: "headset",
    category: "gaming",
    points: 4200,
    stock: 2,
    name: "Gaming headset",
    nameRu: "Игровая гарнитура",
    description: "Closed-back headphones with a detachable microphone.",
    descriptionRu: "Закрытые наушники со съёмным микрофоном.",
  },
  // kids
  {
    key: "robot-kit",
    category: "kids",
    points: 3000,
    stock: 10,
    name: "Build-your-own robot kit",
    nameRu: "Конструктор «Собери робота»",
    description: "Motors, sensors and a simple app to program them. Ages 8+.",
    descriptionRu: "Моторы, датчики и простое приложение для программирования. От 8 лет.",
  },
  {
    key: "bike-helmet",
    category: "kids",
    points: 1600,
    stock: 5,
    sizes: ["S (48–52)", "M (52–56)"],
    name: "Kids' bike helmet",
    nameRu: "Детский велошлем",
    description: "Adjustable fit and a rear light.",
    descriptionRu: "Регулируемый размер и задний фонарь.",
  },
  {
    key: "board-games",
    category: "kids",
    points: 1900,
    stock: 14,
    name: "Family board game pack",
    nameRu: "Набор семейных настольных игр",
    description: "Three games for ages 6 to 99, quick to learn.",
    descriptionRu: "Три игры для возраста от 6 до 99 лет, правила за пять минут.",
  },
];
