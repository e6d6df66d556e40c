// Thin typed interop over apexcharts (npm). One chart per element id; update replaces the series.
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
    update(id, series) {
        const chart = this._charts[id];
        if (!chart) { return false; }
        chart.updateSeries(series, false);
        return true;
    },
    destroy(id) {
        const chart = this._charts[id];
        if (chart) { chart.destroy(); delete this._charts[id]; }
    }
};
