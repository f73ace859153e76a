import { runUi } from './ui';
console.log(JSON.stringify(await runUi(4186, console.log)));
