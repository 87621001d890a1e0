import { render } from 'preact';
import '../shared/styles.css';
import { HomePage } from './HomePage';

render(<HomePage />, document.getElementById('app')!);
