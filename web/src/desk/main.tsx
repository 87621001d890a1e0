import { render } from 'preact';
import '../shared/styles.css';
import { DeskPage } from './DeskPage';

render(<DeskPage />, document.getElementById('app')!);
