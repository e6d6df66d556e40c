// Thin typed interop over apexcharts (npm). One chart per element id; update replaces the series (and merges options, e.g. a moved x range).
window.mcpmon = window.mcpmon || {};
window.mcpmon.charts = {
    _charts: {},
    render(id, options) {
        const el = document.getElementById(id);
        if (!el || typeof ApexCharts === 'undefined') { return false; }
        this.destroy(id);
        const chart = new ApexCharts(el, options);
        this._charts[id] = chart;
        chart.render();
        return true;
    },
    update(id, series, options) {
        const chart = this._charts[id];
        if (!chart) { return false; }
        if (options) { chart.updateOptions(options, false, false, false); }
        chart.updateSeries(series, false);
        return true;
    },
    destroy(id) {
        const chart = this._charts[id];
        if (chart) { chart.destroy(); delete this._charts[id]; }
    }
};
