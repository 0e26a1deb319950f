// Apache ECharts behind Quantify's chart components. Pages pass data; Charts/ChartBuilder.cs builds the option;
// this module only loads ECharts once, renders, formats numbers the South African way and resizes with the card.
let loading;
const observers = new WeakMap();
const za = (digits) => new Intl.NumberFormat('en-ZA', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

function load() {
    if (window.echarts) return Promise.resolve(window.echarts);
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL('lib/echarts/echarts.min.js', document.baseURI).href;
        script.onload = () => resolve(window.echarts);
        script.onerror = reject;
        document.head.appendChild(script);
    });
    return loading;
}

function format(value, unit, digits) {
    if (value === null || value === undefined || value === '-') return '—';
    const text = za(digits).format(value);
    if (unit === 'R') return (value < 0 ? '-R ' : 'R ') + za(2).format(Math.abs(value));
    if (unit === '%') return text + ' %';
    return unit ? text + ' ' + unit : text;
}

// meta: { seriesUnits: [unit per series], axisUnits: [unit per y (or x) value axis], digits: n, horizontal: bool }
function decorate(option, meta) {
    const axes = meta.horizontal ? option.xAxis : option.yAxis;
    (Array.isArray(axes) ? axes : [axes]).forEach((axis, i) => {
        if (!axis || axis.type !== 'value') return;
        const unit = meta.axisUnits[i] ?? '';
        axis.axisLabel = { ...(axis.axisLabel || {}), formatter: (v) => format(v, unit === 'R' ? 'R' : '', 2) };
    });
    if (option.tooltip && meta.seriesUnits) {
        option.tooltip.formatter = (params) => {
            const list = Array.isArray(params) ? params : [params];
            if (list.length === 0) return '';
            const head = list[0].axisValueLabel ?? list[0].name ?? '';
            const lines = list.map((p) => {
                const raw = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
                return `${p.marker}${p.seriesName}: <b>${format(raw, meta.seriesUnits[p.seriesIndex] ?? '', meta.digits)}</b>`;
            });
            return [head, ...lines].join('<br/>');
        };
    }
    return option;
}

export async function render(element, option, meta) {
    const echarts = await load();
    if (!element.isConnected) return;
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(decorate(option, meta), true);
    if (!observers.has(element)) {
        const observer = new ResizeObserver(() => chart.resize());
        observer.observe(element);
        observers.set(element, observer);
    }
}

export function dispose(element) {
    observers.get(element)?.disconnect();
    observers.delete(element);
    window.echarts?.getInstanceByDom(element)?.dispose();
}
