// Thin typed interop over apexcharts (npm). One chart per element id; update replaces the series (and merges options, e.g. a moved x range).
// Options may carry yFormat = { divisor, suffix, decimals } (functions cannot cross the interop boundary): it becomes
// the y-axis label and tooltip formatter, so ticks read "250 ms" or "3.0 GB" in the unit the server chose.
window.mcpmon = window.mcpmon || {};
window.mcpmon.charts = {
    _charts: {},
    _formatter(format) {
        const decimals = Math.max(0, Math.min(6, format.decimals | 0));
        const suffix = format.suffix || '';
        const divisor = format.divisor || 1;
        return (value) => {
            if (value === null || value === undefined || !isFinite(value)) { return ''; }
            const number = (value / divisor).toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
            if (!suffix) { return number; }
            return suffix.startsWith('/') || suffix.startsWith('%') ? number + suffix : number + ' ' + suffix;
        };
    },
    _prepare(options) {
        if (!options || !options.yFormat) { return options; }
        const format = this._formatter(options.yFormat);
        delete options.yFormat;
        const yaxis = Array.isArray(options.yaxis) ? options.yaxis : [options.yaxis || {}];
        for (const axis of yaxis) { axis.labels = Object.assign({}, axis.labels, { formatter: format }); }
        options.yaxis = Array.isArray(options.yaxis) ? yaxis : yaxis[0];
        options.tooltip = Object.assign({}, options.tooltip, { y: { formatter: format } });
        return options;
    },
    render(id, options) {
        const el = document.getElementById(id);
        if (!el || typeof ApexCharts === 'undefined') { return false; }
        this.destroy(id);
        const chart = new ApexCharts(el, this._prepare(options));
        this._charts[id] = chart;
        chart.render();
        return true;
    },
    update(id, series, options) {
        const chart = this._charts[id];
        if (!chart) { return false; }
        if (options) { chart.updateOptions(this._prepare(options), false, false, false); }
        chart.updateSeries(series, false);
        return true;
    },
    destroy(id) {
        const chart = this._charts[id];
        if (chart) { chart.destroy(); delete this._charts[id]; }
    }
};
