import { defineMessages } from "../define";

export default defineMessages({
  en: {
    "email.footer.account": "You receive this email because of your account in the partner programme portal.",
    "email.invite.subject": "You are invited to the {organisation} partner programme",
    "email.invite.heading": "Welcome, {name}",
    "email.invite.body":
      "{inviter} invited you to the partner programme portal for {organisation}. Earn points for your sales and training and spend them on rewards.",
    "email.invite.cta": "Accept the invitation",
    "email.invite.expires": {
      one: "The link works once and expires in {count} day.",
      other: "The link works once and expires in {count} days.",
    },
    "email.reset.subject": "Reset your partner portal password",
    "email.reset.heading": "Hello, {name}",
    "email.reset.body": "Someone asked to reset the password of your partner portal account. Choose a new one with this button:",
    "email.reset.cta": "Choose a new password",
    "email.reset.expires": {
      one: "The link works once and expires in {count} minute.",
      other: "The link works once and expires in {count} minutes.",
    },
    "email.reset.ignore": "If you did not ask for this, ignore this email: your password stays the same.",
  },
  ru: {
    "email.footer.account": "Вы получили это письмо, потому что у вас есть учётная запись на портале партнёрской программы.",
    "email.invite.subject": "Приглашение в партнёрскую программу: {organisation}",
    "email.invite.heading": "Добро пожаловать, {name}",
    "email.invite.body":
      "{inviter} приглашает вас на портал партнёрской программы от имени {organisation}. Получайте баллы за продажи и обучение и обменивайте их на подарки.",
    "email.invite.cta": "Принять приглашение",
    "email.invite.expires": {
      one: "Ссылка одноразовая и действует {count} день.",
      few: "Ссылка одноразовая и действует {count} дня.",
      many: "Ссылка одноразовая и действует {count} дней.",
      other: "Ссылка одноразовая и действует {count} дня.",
    },
    "email.reset.subject": "Восстановление пароля на партнёрском портале",
    "email.reset.heading": "Здравствуйте, {name}",
    "email.reset.body": "Поступил запрос на смену пароля вашей учётной записи. Выберите новый пароль по кнопке:",
    "email.reset.cta": "Выбрать новый пароль",
    "email.reset.expires": {
      one: "Ссылка одноразовая и действует {count} минуту.",
      few: "Ссылка одноразовая и действует {count} минуты.",
      many: "Ссылка одноразовая и действует {count} минут.",
      other: "Ссылка одноразовая и действует {count} минуты.",
    },
    "email.reset.ignore": "Если вы не запрашивали смену пароля, просто проигнорируйте письмо: пароль останется прежним.",
  },
});
