import type { FromWorker, Speed, ToWorker } from './protocol';
import { RunSession } from './session';
import { setExpressionProbe } from '../engine';

/** The Worker that runs the simulation; the main thread never does. */
const FRAME_MS = 16;
let session: RunSession | null = null;
let playing = false;
let speed: Speed = 1000;
let timer: ReturnType<typeof setTimeout> | null = null;

function post(message: FromWorker) {
  postMessage(message);
}

function sendSnapshot() {
  if (session) post({ type: 'snapshot', snapshot: session.snapshot(playing) });
}

function tick() {
  timer = null;
  if (!session || !playing) return;
  try {
    session.advance(speed === 'max' ? 'max' : (speed * FRAME_MS) / 1000);
  } catch (err) {
    playing = false;
    post({ type: 'error', message: (err as Error).message });
  }
  if (session.simulation.finished) playing = false;
  sendSnapshot();
  if (playing) timer = setTimeout(tick, FRAME_MS);
}

function stopTimer() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'load':
        stopTimer();
        playing = false;
        session = new RunSession(msg.doc, msg.seed);
        break;
      case 'play':
        speed = msg.speed;
        playing = true;
        if (timer === null) timer = setTimeout(tick, 0);
        return;
      case 'speed':
        speed = msg.speed;
        return;
      case 'pause':
        playing = false;
        stopTimer();
        break;
      case 'step':
        playing = false;
        stopTimer();
        session?.step(msg.target);
        break;
      case 'runTo':
        playing = false;
        stopTimer();
        session?.runTo(msg.time);
        break;
      case 'reset':
        playing = false;
        stopTimer();
        session?.reset();
        break;
      case 'diagnose': {
        let last = '';
        let armed = false;
        setExpressionProbe((node) => {
          if (armed && node !== last) post({ type: 'entering', node: (last = node) });
        });
        const probe = new RunSession(msg.doc, msg.seed);
        probe.seek(msg.eventCount);
        armed = true; // report only from the event where the stuck run was
        probe.simulation.run();
        post({ type: 'diagnosed' });
        return;
      }
      case 'seek':
        playing = false;
        stopTimer();
        session?.seek(msg.eventCount);
        break;
    }
    sendSnapshot();
  } catch (err) {
    playing = false;
    stopTimer();
    post({ type: 'error', message: (err as Error).message });
  }
};
