import { defineMessages } from "../define";

/** Scanning a serial number's barcode with the camera or from a photo (app/components/claims/serial-scanner.tsx). */
export default defineMessages({
  en: {
    "scan.button": "Scan serial number {n}",
    "scan.title": "Scan the barcode on the serial label",
    "scan.camera_hint": "Hold the label's barcode inside the frame.",
    "scan.starting": "Starting the camera…",
    "scan.no_camera": "The camera is not available here. Take a photo of the label instead, or type the number.",
    "scan.photo": "Take or choose a photo of the label",
    "scan.reading": "Reading the barcode…",
    "scan.not_found": "No barcode found in that photo. Try again closer to the label, or type the number.",
    "scan.found": "Scanned: {value}",
    "scan.close": "Close the scanner",
    "scan.failed": "The scanner could not start. Type the number instead.",
  },
  ru: {
    "scan.button": "Сканировать серийный номер {n}",
    "scan.title": "Отсканируйте штрихкод на наклейке с серийным номером",
    "scan.camera_hint": "Держите штрихкод наклейки в рамке.",
    "scan.starting": "Включаем камеру…",
    "scan.no_camera": "Камера здесь недоступна. Сфотографируйте наклейку или введите номер вручную.",
    "scan.photo": "Сделать или выбрать фото наклейки",
    "scan.reading": "Читаем штрихкод…",
    "scan.not_found": "На фото не найден штрихкод. Снимите ближе к наклейке или введите номер вручную.",
    "scan.found": "Отсканировано: {value}",
    "scan.close": "Закрыть сканер",
    "scan.failed": "Сканер не запустился. Введите номер вручную.",
  },
});
