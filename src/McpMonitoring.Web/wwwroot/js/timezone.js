// The browser's IANA time zone, so the server renders times in the user's zone.
window.mcpmon = window.mcpmon || {};
window.mcpmon.timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
