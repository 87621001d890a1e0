import { render } from 'preact';
import '../shared/styles.css';
import { DisplayPage } from './DisplayPage';

document.body.classList.add('display-page');
render(<DisplayPage />, document.getElementById('app')!);
