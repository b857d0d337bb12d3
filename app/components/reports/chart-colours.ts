export const SERIES_COLOURS = ["#2563eb", "#f59e0b", "#10b981", "#ef4444"];
